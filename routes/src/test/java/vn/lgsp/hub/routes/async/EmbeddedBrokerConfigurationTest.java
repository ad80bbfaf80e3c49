package vn.lgsp.hub.routes.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.time.Duration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * The embedded broker's journal flush window, memory share and acceptor come from {@code hub.broker.*}; on Java 24+
 * an Artemis audit logger at INFO stops startup.
 */
class EmbeddedBrokerConfigurationTest {

    /** Artemis' audit loggers at WARN, as the hub's application.yml sets them (this test has no Spring context). */
    @BeforeAll
    static void artemisAuditLoggersAsTheHubSetsThem() {
        ((Logger) LoggerFactory.getLogger("org.apache.activemq.audit")).setLevel(Level.WARN);
    }

    @Test
    void onJava24AndLaterAnArtemisAuditLoggerAtInfoStopsStartupNamingTheSetting() {
        assertThat(EmbeddedBrokerConfiguration.auditLoggingProblem(25, "org.apache.activemq.audit.resource"::equals))
                .get(STRING).startsWith("logging.level.org.apache.activemq.audit.resource (application properties): INFO")
                .contains("Java 25").contains("WARN");
        assertThat(EmbeddedBrokerConfiguration.auditLoggingProblem(24, "org.apache.activemq.audit.base"::equals))
                .isPresent();
        assertThat(EmbeddedBrokerConfiguration.auditLoggingProblem(25, logger -> false)).as("audit loggers at WARN")
                .isEmpty();
        assertThat(EmbeddedBrokerConfiguration.auditLoggingProblem(25, "org.apache.activemq.audit.message"::equals))
                .as("the message audit logger is given the caller's subject").isEmpty();
        assertThat(EmbeddedBrokerConfiguration.auditLoggingProblem(23, logger -> true)).as("Java 23 still has getSubject")
                .isEmpty();
    }

    @Test
    void journalFlushWindowDefaultsTo100MicrosecondsForBothJournalTypes() {
        Configuration configuration = customised(new HubProperties());

        assertThat(configuration.getJournalBufferTimeout_NIO()).isEqualTo(100_000);
        assertThat(configuration.getJournalBufferTimeout_AIO()).isEqualTo(100_000);
    }

    @Test
    void journalFlushWindowFollowsTheProperty() {
        HubProperties properties = new HubProperties();
        properties.getBroker().setJournalBufferTimeout(Duration.ofMillis(2));

        assertThat(customised(properties).getJournalBufferTimeout_NIO()).isEqualTo(2_000_000);
    }

    @Test
    void negativeOrHugeJournalFlushWindowStopsStartupNamingTheProperty() {
        HubProperties negative = new HubProperties();
        negative.getBroker().setJournalBufferTimeout(Duration.ofNanos(-1));
        HubProperties huge = new HubProperties();
        huge.getBroker().setJournalBufferTimeout(Duration.ofSeconds(3));

        assertThatThrownBy(() -> customised(negative)).hasMessageContaining("hub.broker.journal-buffer-timeout");
        assertThatThrownBy(() -> customised(huge)).hasMessageContaining("hub.broker.journal-buffer-timeout");
    }

    @Test
    void messagesInMemoryAreLimitedToTheConfiguredShareOfTheHeap() {
        HubProperties properties = new HubProperties();
        properties.getBroker().setEmbeddedMemoryPercent(35);

        assertThat(customised(new HubProperties()).getGlobalMaxSizePercentOfJvmMaxMemory()).isEqualTo(20);
        assertThat(customised(new HubProperties()).getGlobalMaxSize())
                .isCloseTo(Runtime.getRuntime().maxMemory() / 5, within(100L));
        assertThat(customised(properties).getGlobalMaxSizePercentOfJvmMaxMemory()).isEqualTo(35);
    }

    @Test
    void memoryShareOutsideOneToHundredStopsStartupNamingTheProperty() {
        HubProperties zero = new HubProperties();
        zero.getBroker().setEmbeddedMemoryPercent(0);
        HubProperties over = new HubProperties();
        over.getBroker().setEmbeddedMemoryPercent(101);

        assertThatThrownBy(() -> customised(zero)).hasMessageContaining("hub.broker.embedded-memory-percent")
                .hasMessageContaining("0 is not between 1 and 100");
        assertThatThrownBy(() -> customised(over)).hasMessageContaining("hub.broker.embedded-memory-percent");
    }

    @Test
    void acceptorIsAddedOnlyWhenConfigured() {
        HubProperties properties = new HubProperties();
        properties.getBroker().setEmbeddedAcceptor("tcp://127.0.0.1:0");

        assertThat(customised(new HubProperties()).getAcceptorConfigurations()).isEmpty();
        assertThat(customised(properties).getAcceptorConfigurations()).hasSize(1);
    }

    private static Configuration customised(HubProperties properties) {
        Configuration configuration = new ConfigurationImpl();
        new EmbeddedBrokerConfiguration().hubBrokerCustomizer(properties).customize(configuration);
        return configuration;
    }
}
