package vn.lgsp.hub.routes.ops;

import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/**
 * {@code GET /ops/v1/audit}: audit records, newest first, filtered by exchangeId, requestId, kind or
 * consumer; {@code before} continues from the previous page's {@code next}.
 */
@RestController
@RequestMapping("/ops/v1/audit")
public class OpsAuditController {

    private final AuditStore store;

    public OpsAuditController(AuditStore store) {
        this.store = store;
    }

    /** One page of audit records. */
    public record AuditPage(List<AuditRecord> items, Long next) {
    }

    @GetMapping(produces = "application/json")
    public AuditPage search(@RequestParam(required = false) String exchangeId,
                            @RequestParam(required = false) String requestId,
                            @RequestParam(required = false) String kind,
                            @RequestParam(required = false) String consumer,
                            @RequestParam(required = false) Long before,
                            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new HubException(HubError.INVALID_REQUEST, "limit must be between 1 and " + AuditQuery.MAX_LIMIT);
        }
        AuditKind parsedKind = null;
        if (kind != null) {
            try {
                parsedKind = AuditKind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new HubException(HubError.INVALID_REQUEST, "kind must be one of " + List.of(AuditKind.values()));
            }
        }
        List<AuditRecord> items = store.find(new AuditQuery(exchangeId, requestId, parsedKind, consumer, before, limit));
        Long next = items.size() == limit ? items.get(items.size() - 1).id() : null;
        return new AuditPage(items, next);
    }

}
