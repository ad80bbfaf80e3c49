package vn.lgsp.hub.routes.ops;

import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.routes.async.RetiredSubscriptions;

/**
 * Subscriptions removed from the catalog whose messages the broker still keeps:
 * {@code GET /ops/v1/retired-subscriptions} lists them with their open deliveries, and
 * {@code POST /ops/v1/retired-subscriptions:discard?subscriber=..&topic=publisher/topic} discards their messages
 * and removes their queues (role operator; every discarded delivery audited).
 */
@RestController
@RequestMapping("/ops/v1")
public class OpsRetiredSubscriptionController {

    private final RetiredSubscriptions retired;

    public OpsRetiredSubscriptionController(RetiredSubscriptions retired) {
        this.retired = retired;
    }

    @GetMapping(path = "/retired-subscriptions", produces = "application/json")
    public List<RetiredSubscriptions.Retired> list() {
        return retired.list();
    }

    @PostMapping(path = "/retired-subscriptions:discard", produces = "application/json")
    public RetiredSubscriptions.Discarded discard(@RequestParam(required = false) String subscriber,
                                                  @RequestParam(required = false) String topic, Principal operator) {
        return retired.discard(subscriber, topic, operator.getName());
    }
}
