package vn.lgsp.hub.core.catalog;

import java.time.Duration;

/**
 * How the hub protects itself from one provider (or subscriber) endpoint: a deadline per call, a circuit
 * breaker and a bulkhead. Declared per service or subscription in a {@code resilience:} block; every field
 * has a default ({@link #DEFAULT}).
 *
 * @param timeout        the longest the hub waits for one answer (on top of the connector's own timeout)
 * @param maxConcurrent  bulkhead: calls in flight at once; one more is refused at once with 503 PROVIDER_BUSY
 * @param failureRate    percentage of failed calls in the window that opens the circuit
 * @param minimumCalls   calls needed in the window before the failure rate is judged
 * @param window         number of most recent calls the failure rate is computed over
 * @param openFor        how long an open circuit refuses calls before letting probes through
 * @param halfOpenCalls  probe calls let through while half-open; their outcome closes or reopens the circuit
 */
public record ResiliencePolicy(Duration timeout, int maxConcurrent, int failureRate, int minimumCalls, int window,
                               Duration openFor, int halfOpenCalls) {

    /** The policy of a service or subscription that declares no {@code resilience:} block. */
    public static final ResiliencePolicy DEFAULT = new ResiliencePolicy(Duration.ofSeconds(30), 16, 50, 10, 20,
            Duration.ofSeconds(30), 3);
}
