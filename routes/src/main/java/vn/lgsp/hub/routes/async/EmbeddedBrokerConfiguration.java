package vn.lgsp.hub.routes.async;

import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * The embedded broker (default mode): persistent journal under {@code spring.artemis.embedded.data-directory},
 * and, when {@code hub.broker.embedded-acceptor} is set, a TCP acceptor so other processes (tools, a second
 * hub in tests) can reach it.
 */
@Configuration
public class EmbeddedBrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(HubProperties properties) {
        return configuration -> {
            String acceptor = properties.getBroker().getEmbeddedAcceptor();
            if (acceptor != null && !acceptor.isBlank()) {
                try {
                    configuration.addAcceptorConfiguration("hub-tcp", acceptor);
                } catch (Exception e) {
                    throw new IllegalStateException("hub.broker.embedded-acceptor '" + acceptor
                            + "' is not a valid acceptor URI: " + e.getMessage(), e);
                }
            }
        };
    }
}
