package vn.lgsp.hub.routes.async;

import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * The embedded broker (default mode): persistent journal under {@code spring.artemis.embedded.data-directory},
 * and, when {@code hub.broker.embedded-acceptor} is set, a TCP acceptor so other processes (tools, a second
 * hub in tests) can reach it. The journal flushes and syncs grouped writes at most
 * {@code hub.broker.journal-buffer-timeout} after the first one (Artemis' default for the NIO journal, 3.33 ms, made
 * every durable commit of a lone consumer or publisher wait that long: see docs/architecture.md "Async throughput").
 * Messages held in memory are limited to {@code hub.broker.embedded-memory-percent} of the heap; beyond it the broker
 * pages them to disk.
 */
@Configuration
public class EmbeddedBrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer hubBrokerCustomizer(HubProperties properties) {
        long journalBufferTimeoutNanos = properties.getBroker().getJournalBufferTimeout().toNanos();
        if (journalBufferTimeoutNanos < 0 || journalBufferTimeoutNanos > Integer.MAX_VALUE) {
            throw new IllegalStateException("hub.broker.journal-buffer-timeout (application properties): "
                    + properties.getBroker().getJournalBufferTimeout() + " is not between 0 and 2 s");
        }
        int memoryPercent = properties.getBroker().getEmbeddedMemoryPercent();
        if (memoryPercent < 1 || memoryPercent > 100) {
            throw new IllegalStateException("hub.broker.embedded-memory-percent (application properties): "
                    + memoryPercent + " is not between 1 and 100");
        }
        return configuration -> {
            configuration.setGlobalMaxSizePercentOfJvmMaxMemory(memoryPercent);
            configuration.setJournalBufferTimeout_NIO((int) journalBufferTimeoutNanos);
            configuration.setJournalBufferTimeout_AIO((int) journalBufferTimeoutNanos);
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
