package vn.lgsp.hub.routes.shutdown;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Graceful shutdown ({@code hub.shutdown.*}): how long each stage of a stop (draining the listeners,
 * stopping the Camel routes and their delivery consumers) may wait for work in flight before it is cut.
 */
@ConfigurationProperties(prefix = "hub.shutdown")
public class ShutdownProperties {

    /** Longest wait of each shutdown stage for requests and deliveries in flight. */
    private Duration timeout = Duration.ofSeconds(30);

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("hub.shutdown.timeout must be a positive duration, got " + timeout);
        }
        this.timeout = timeout;
    }
}
