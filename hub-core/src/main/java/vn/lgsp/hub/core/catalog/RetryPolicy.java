package vn.lgsp.hub.core.catalog;

import java.time.Duration;

/** Redelivery policy of a subscription: attempts and exponential backoff bounds. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /** The policy used when a subscription declares none. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));
}
