package vn.lgsp.hub.routes.limits;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.flow.ProblemResponder;

/**
 * Slows credential guessing on {@code POST /token}: each IP address (the TCP peer; {@code X-Forwarded-For} is
 * never trusted) may fail {@code hub.limits.token-failures-per-ip} times per window; further requests from it
 * are refused with 429 RATE_LIMITED (audited as REJECT like every failure) until the window passes.
 * Successful requests are not counted, so a busy but honest client is never slowed.
 */
@Component
public class TokenGuessingGuard {

    /** Above this many tracked addresses the table starts again (a flood of addresses cannot exhaust memory). */
    static final int MAX_TRACKED_ADDRESSES = 100_000;
    private final LimitsProperties properties;
    private final Map<String, RateLimiter> failures = new ConcurrentHashMap<>();

    public TokenGuessingGuard(LimitsProperties properties) {
        this.properties = properties;
    }

    /** Refuses the request when its address has used up its failures. */
    public void checkAllowed(Exchange exchange) {
        String address = peer(exchange);
        RateLimiter limiter = failures.get(address);
        if (limiter != null && limiter.getMetrics().getAvailablePermissions() <= 0) {
            exchange.setProperty(ProblemResponder.HEADERS, Map.of("Retry-After",
                    List.of(Long.toString(RetryAfter.of(limiter)))));
            throw new HubException(HubError.RATE_LIMITED, "too many failed token requests from this address; "
                    + "try again later");
        }
    }

    /** Counts one failed token request of the exchange's address. */
    public void failed(Exchange exchange) {
        if (failures.size() > MAX_TRACKED_ADDRESSES) {
            failures.clear();
        }
        failures.computeIfAbsent(peer(exchange), address -> RateLimiter.of("token:" + address,
                RateLimiterConfig.custom()
                        .limitForPeriod(Math.max(1, properties.getTokenFailuresPerIp()))
                        .limitRefreshPeriod(properties.getTokenFailureWindow())
                        .timeoutDuration(Duration.ZERO)
                        .build())).acquirePermission();
    }

    private static String peer(Exchange exchange) {
        HttpMessage message = exchange.getIn(HttpMessage.class);
        if (message == null || message.getRequest().remoteAddress() == null) {
            return "unknown";
        }
        return message.getRequest().remoteAddress().hostAddress();
    }
}
