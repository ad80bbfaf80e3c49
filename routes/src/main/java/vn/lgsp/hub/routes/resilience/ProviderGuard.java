package vn.lgsp.hub.routes.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import vn.lgsp.hub.core.catalog.ResiliencePolicy;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/**
 * The protection of one endpoint (a service or a subscription): a Resilience4j circuit breaker, a
 * semaphore bulkhead and a deadline per call. Failures are connector failures, the deadline and provider
 * answers 500/502/503/504; anything else is a success. An open circuit and a full bulkhead are refused
 * without waiting, before anything is sent.
 */
public final class ProviderGuard {

    private final String name;
    private final ResiliencePolicy policy;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private volatile long openedAtNanos;

    ProviderGuard(String name, ResiliencePolicy policy) {
        this.name = name;
        this.policy = policy;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.window())
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRate())
                .waitDurationInOpenState(policy.openFor())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
                // a probe is let through by the next call after open-for: no timer thread per circuit
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAtNanos = System.nanoTime();
            }
        });
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(policy.maxConcurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    /** The endpoint this guard protects, e.g. {@code service:NDXP/citizen-lookup}. */
    public String name() {
        return name;
    }

    public ResiliencePolicy policy() {
        return policy;
    }

    /** CLOSED, OPEN or HALF_OPEN (as in the ops API). */
    public String circuitState() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> "OPEN";
            case HALF_OPEN -> "HALF_OPEN";
            default -> "CLOSED";
        };
    }

    /** Calls now in flight through this guard. */
    public int inFlight() {
        return policy.maxConcurrent() - bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    /** How long the circuit stays open from now, rounded up to whole seconds (zero when not open). */
    public Duration remainingOpen() {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            return Duration.ZERO;
        }
        long left = openedAtNanos + policy.openFor().toNanos() - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofSeconds((left + 999_999_999L) / 1_000_000_000L);
    }

    /**
     * Takes a place for one call: throws {@link HubException} CIRCUIT_OPEN (the circuit refuses calls) or
     * PROVIDER_BUSY (the bulkhead is full) at once, before anything is sent. The permit must be used once.
     */
    public Permit enter() {
        if (!breaker.tryAcquirePermission()) {
            throw new HubException(HubError.CIRCUIT_OPEN, name + ": the circuit is open after repeated failures; "
                    + "calls are refused until a probe succeeds");
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            throw new HubException(HubError.PROVIDER_BUSY, name + ": " + policy.maxConcurrent()
                    + " calls are already in flight (resilience.max-concurrent)");
        }
        return new Permit();
    }

    /** {@link #enter()} and {@link Permit#await} in one step. */
    public ProviderResponse call(Supplier<CompletableFuture<ProviderResponse>> send)
            throws ExecutionException, InterruptedException {
        return enter().await(send);
    }

    /** Statuses that count as a failure of the provider for the circuit breaker. */
    static boolean isProviderFailure(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** One call let through by the circuit and the bulkhead. */
    public final class Permit {

        private Permit() {
        }

        /** Gives the place back without sending (the call was abandoned before it started). */
        public void abandon() {
            breaker.releasePermission();
            bulkhead.onComplete();
        }

        /**
         * Sends and waits for the answer, at most the policy's timeout. A connector failure or the deadline
         * come back as an {@link ExecutionException} whose cause is a {@link ConnectorFailure}; the outcome is
         * recorded by the circuit breaker and the bulkhead place is given back.
         */
        public ProviderResponse await(Supplier<CompletableFuture<ProviderResponse>> send)
                throws ExecutionException, InterruptedException {
            long start = System.nanoTime();
            try {
                ProviderResponse response = send.get().get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (isProviderFailure(response.status())) {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS,
                            new ProviderAnsweredFailure(response.status()));
                } else {
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
                return response;
            } catch (TimeoutException e) {
                ConnectorFailure failure = new ConnectorFailure(ConnectorFailure.Kind.TIMEOUT,
                        "no answer within " + policy.timeout().toMillis() + " ms (resilience.timeout)", e);
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
                throw new ExecutionException(failure);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HubException refused && refused.error().status() < 500) {
                    breaker.releasePermission(); // refused by the connector before sending: not the provider's fault
                } else {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e.getCause());
                }
                throw e;
            } catch (RuntimeException | InterruptedException e) {
                breaker.releasePermission();
                throw e;
            } finally {
                bulkhead.onComplete();
            }
        }
    }

    /** Marks a provider answer counted as a failure (never thrown to a caller). */
    static final class ProviderAnsweredFailure extends RuntimeException {
        ProviderAnsweredFailure(int status) {
            super("provider answered " + status, null, false, false);
        }
    }
}
