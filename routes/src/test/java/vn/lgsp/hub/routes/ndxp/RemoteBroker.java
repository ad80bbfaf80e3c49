package vn.lgsp.hub.routes.ndxp;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import vn.lgsp.hub.routes.support.HubTestSupport;

/**
 * An Artemis broker of an agency, listening on a free TCP port of this JVM and separate from the hub's own
 * broker: for the hub's {@code jms} connector it is a remote broker like any other.
 */
record RemoteBroker(EmbeddedActiveMQ server, String url) {

    static RemoteBroker start() {
        try {
            Path data = Files.createTempDirectory("agency-broker");
            String url = "tcp://127.0.0.1:" + HubTestSupport.freePort();
            ConfigurationImpl config = new ConfigurationImpl();
            config.setName("agency-broker");
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(false);
            config.setJMXManagementEnabled(false);
            config.setJournalDirectory(data.resolve("journal").toString());
            config.setBindingsDirectory(data.resolve("bindings").toString());
            config.setPagingDirectory(data.resolve("paging").toString());
            config.setLargeMessagesDirectory(data.resolve("large").toString());
            config.addAcceptorConfiguration("tcp", url);
            EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
            server.start();
            return new RemoteBroker(server, url);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the agency broker", e);
        }
    }
}
