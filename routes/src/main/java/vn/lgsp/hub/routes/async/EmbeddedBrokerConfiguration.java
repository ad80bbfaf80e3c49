package vn.lgsp.hub.routes.async;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;
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
 * pages them to disk. On Java 24 and later it refuses to start while Artemis' audit loggers log at INFO (see
 * {@link #auditLoggingProblem}).
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
            auditLoggingProblem(Runtime.version().feature(), name -> LoggerFactory.getLogger(name).isInfoEnabled())
                    .ifPresent(problem -> {
                        throw new IllegalStateException(problem);
                    });
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

    /**
     * Artemis' audit loggers that, at INFO, ask {@code Subject.getSubject} for the caller (the message audit logger is
     * given the caller's subject instead, so it works on every Java).
     */
    static final List<String> ARTEMIS_AUDIT_LOGGERS = List.of("org.apache.activemq.audit.base",
            "org.apache.activemq.audit.resource");

    /**
     * Artemis 2.40's audit logging asks {@code Subject.getSubject} for the caller, which Java 24 and later refuse
     * ({@code UnsupportedOperationException}): with an audit logger at INFO the embedded broker logs
     * "AMQ224000: Failure in initialisation" and never starts. Said at startup instead, with the setting to change.
     */
    static Optional<String> auditLoggingProblem(int javaFeature, Predicate<String> infoEnabled) {
        if (javaFeature < 24) {
            return Optional.empty();
        }
        return ARTEMIS_AUDIT_LOGGERS.stream().filter(infoEnabled).findFirst().map(logger -> "logging.level." + logger
                + " (application properties): INFO turns on Artemis' audit logging, which fails on Java " + javaFeature
                + " (Subject.getSubject is not supported since Java 24) and would keep the embedded broker from"
                + " starting; set logging.level.org.apache.activemq.audit to WARN (the hub's default) or run on Java 17-23");
    }
}
