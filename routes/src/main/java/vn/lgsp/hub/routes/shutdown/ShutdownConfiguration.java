package vn.lgsp.hub.routes.shutdown;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds Camel's part of a graceful shutdown by {@code hub.shutdown.timeout}: when the Spring context stops
 * Camel (after the listeners have drained, see docs/operator-guide.md "Stopping a node"), every route —
 * the delivery consumers included — finishes the exchange it is processing, takes no new one, and is
 * forced down once the timeout has passed.
 */
@Configuration
@EnableConfigurationProperties(ShutdownProperties.class)
public class ShutdownConfiguration {

    @Bean
    CamelContextConfiguration shutdownTimeout(ShutdownProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                ShutdownStrategy strategy = camelContext.getShutdownStrategy();
                strategy.setTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
                strategy.setTimeout(properties.getTimeout().toMillis());
                strategy.setShutdownNowOnTimeout(true);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing after start
            }
        };
    }
}
