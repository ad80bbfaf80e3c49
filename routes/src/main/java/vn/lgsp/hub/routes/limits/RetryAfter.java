package vn.lgsp.hub.routes.limits;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;

/** The {@code Retry-After} value (whole seconds, at least 1) of a refused request. */
final class RetryAfter {

    private RetryAfter() {
    }

    /** Seconds until the rate limiter has a permission again (its refresh period when it cannot tell). */
    static long of(RateLimiter limiter) {
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait()
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        return of(Duration.ofNanos(Math.max(0, nanos)));
    }

    /** Whole seconds, rounded up, at least 1. */
    static long of(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    }
}
