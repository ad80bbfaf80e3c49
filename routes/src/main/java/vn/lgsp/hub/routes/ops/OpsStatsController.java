package vn.lgsp.hub.routes.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.audit.AuditStatistics;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/**
 * {@code GET /ops/v1/stats?from=&to=&service=}: per service success/failure counts and min/avg/p95/max
 * duration and size of the calls audited in {@code [from, to)} (ISO-8601 instants; default the last 24 h).
 * {@code service} is {@code provider/service} or a service code alone.
 */
@RestController
@RequestMapping("/ops/v1/stats")
public class OpsStatsController {

    /** The answer. */
    public record Stats(Instant from, Instant to, List<AuditStatistics.ServiceStats> services) {
    }

    private final AuditStatistics statistics;

    public OpsStatsController(DataSource dataSource) {
        this.statistics = new AuditStatistics(dataSource);
    }

    @GetMapping(produces = "application/json")
    public Stats stats(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String service) {
        Instant end = to == null || to.isBlank() ? Instant.now() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofHours(24)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new HubException(HubError.INVALID_REQUEST, "'from' must be before 'to'");
        }
        String provider = null;
        String code = service == null || service.isBlank() ? null : service;
        if (code != null && code.contains("/")) {
            provider = code.substring(0, code.indexOf('/'));
            code = code.substring(code.indexOf('/') + 1);
        }
        return new Stats(start, end, statistics.byService(start, end, provider, code));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new HubException(HubError.INVALID_REQUEST, "'" + name + "' must be an ISO-8601 instant, e.g. "
                    + "2026-11-25T00:00:00Z");
        }
    }
}
