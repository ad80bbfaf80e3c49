package vn.lgsp.hub.routes.limits;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.ClientCredential;
import vn.lgsp.hub.core.catalog.ClientQuota;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.quota.DailyQuotaStore;
import vn.lgsp.hub.routes.flow.ProblemResponder;
import vn.lgsp.hub.routes.http.ExchangeContext;

/**
 * Enforces each client's {@code quota:} (catalog): the rate on this node (a Resilience4j rate limiter per
 * client) and the daily quota in the database (all nodes together, {@link DailyQuotaStore}). Over a limit
 * the exchange is refused with 429 RATE_LIMITED and a {@code Retry-After} header.
 */
@Component
public class ClientLimits {

    private final DailyQuotaStore daily;
    private final Clock clock;
    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();

    public ClientLimits(DailyQuotaStore daily) {
        this.daily = daily;
        this.clock = Clock.systemUTC();
    }

    /** Camel step after authentication: counts the exchange against the client's quota or refuses it. */
    public void check(Exchange exchange) {
        ClientCredential client = ExchangeContext.of(exchange).client();
        if (client == null) {
            return;
        }
        ClientQuota quota = client.quota();
        if (quota.limitsRate()) {
            RateLimiter limiter = limiter(client.id(), quota);
            if (!limiter.acquirePermission()) {
                refuse(exchange, RetryAfter.of(limiter), "client " + client.id()
                        + " is over its rate of " + quota.requests() + " requests per " + quota.period().toSeconds()
                        + " s");
            }
        }
        if (quota.limitsDaily()) {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            LocalDate today = now.toLocalDate();
            if (!daily.tryConsume(client.id(), today, quota.daily())) {
                long untilMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds();
                refuse(exchange, RetryAfter.of(Duration.ofSeconds(untilMidnight)), "client " + client.id() + " has used its daily quota of "
                        + quota.daily() + " requests (UTC day " + today + ")");
            }
        }
    }

    private static void refuse(Exchange exchange, long retryAfterSeconds, String detail) {
        exchange.setProperty(ProblemResponder.HEADERS, Map.of("Retry-After", List.of(Long.toString(retryAfterSeconds))));
        throw new HubException(HubError.RATE_LIMITED, detail);
    }

    private RateLimiter limiter(String clientId, ClientQuota quota) {
        Limiter known = limiters.get(clientId);
        if (known != null && known.quota().equals(quota)) {
            return known.limiter();
        }
        return limiters.compute(clientId, (id, existing) -> existing != null && existing.quota().equals(quota)
                ? existing : new Limiter(quota, RateLimiter.of("client:" + id, RateLimiterConfig.custom()
                        .limitForPeriod(quota.requests())
                        .limitRefreshPeriod(quota.period())
                        .timeoutDuration(Duration.ZERO)
                        .build()))).limiter();
    }

    private record Limiter(ClientQuota quota, RateLimiter limiter) {
    }
}
