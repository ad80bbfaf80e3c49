package vn.lgsp.hub.routes.ops;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.async.DeadLetters;
import vn.lgsp.hub.routes.async.DeliveryState;
import vn.lgsp.hub.routes.async.ExchangeStore;

/**
 * Dead letters for operators: {@code GET /ops/v1/dead-letters} (filters subscriber, topic, from, to),
 * {@code GET .../{messageId}}, {@code POST .../{messageId}:replay}, {@code POST .../{messageId}:discard}
 * and {@code POST /ops/v1/dead-letters:replay} for every dead letter matching the filters.
 */
@RestController
@RequestMapping("/ops/v1")
public class OpsDeadLetterController {

    private static final int MAX_BULK = 10_000;
    private final ExchangeStore store;
    private final DeadLetters deadLetters;

    public OpsDeadLetterController(ExchangeStore store, DeadLetters deadLetters) {
        this.store = store;
        this.deadLetters = deadLetters;
    }

    /** A bulk replay's outcome. */
    public record BulkResult(int replayed, List<Map<String, String>> failed) {
    }

    @GetMapping(path = "/dead-letters", produces = "application/json")
    public List<ExchangeStore.Delivery> list(@RequestParam(required = false) String subscriber,
                                             @RequestParam(required = false) String topic,
                                             @RequestParam(required = false) Instant from,
                                             @RequestParam(required = false) Instant to,
                                             @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new HubException(HubError.INVALID_REQUEST, "limit must be between 1 and 1000");
        }
        return store.find(DeliveryState.DEAD, subscriber, topic, from, to, limit, true);
    }

    @GetMapping(path = "/dead-letters/{messageId}", produces = "application/json")
    public DeadLetters.Inspection inspect(@PathVariable String messageId) {
        return deadLetters.inspect(messageId);
    }

    @PostMapping(path = "/dead-letters/{messageId}:replay", produces = "application/json")
    public Map<String, String> replay(@PathVariable String messageId, Principal operator) {
        deadLetters.replay(messageId, operator.getName());
        return Map.of("messageId", messageId, "state", DeliveryState.PENDING.name());
    }

    @PostMapping(path = "/dead-letters/{messageId}:discard", produces = "application/json")
    public Map<String, String> discard(@PathVariable String messageId, Principal operator) {
        deadLetters.discard(messageId, operator.getName());
        return Map.of("messageId", messageId, "state", DeliveryState.DISCARDED.name());
    }

    @PostMapping(path = "/dead-letters:replay", produces = "application/json")
    public BulkResult replayMatching(@RequestParam(required = false) String subscriber,
                                     @RequestParam(required = false) String topic,
                                     @RequestParam(required = false) Instant from,
                                     @RequestParam(required = false) Instant to,
                                     Principal operator) {
        int replayed = 0;
        List<Map<String, String>> failed = new ArrayList<>();
        for (ExchangeStore.Delivery d : store.find(DeliveryState.DEAD, subscriber, topic, from, to, MAX_BULK)) {
            try {
                deadLetters.replay(d.messageId(), operator.getName());
                replayed++;
            } catch (HubException e) {
                failed.add(Map.of("messageId", d.messageId(), "code", e.error().name(), "detail", e.detail()));
            }
        }
        return new BulkResult(replayed, failed);
    }
}
