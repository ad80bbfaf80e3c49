package vn.lgsp.hub.routes.ops;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.Participant;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.control.BrokerQueueStats;
import vn.lgsp.hub.routes.control.CircuitStateSource;
import vn.lgsp.hub.routes.control.DeliveryCounts;
import vn.lgsp.hub.routes.control.RouteControl;

/**
 * Services and subscriptions for operators: {@code GET /ops/v1/services}, {@code POST
 * /ops/v1/services/{provider}/{service}:suspend|:resume}, {@code GET /ops/v1/subscriptions} (state and
 * counters) and {@code POST /ops/v1/subscriptions/{id}:suspend|:resume}. A subscription id is
 * {@code subscriber>publisher/topic}: in the path its {@code /} stays a separator and {@code >} is sent as
 * {@code %3E}; the one-segment form {@code subscriber>publisher>topic} ({@link RouteControl#opsId}) works too.
 */
@RestController
@RequestMapping("/ops/v1")
public class OpsRouteControlController {

    /** A service as listed to operators. */
    public record ServiceView(String provider, String providerName, String service, int version, String connectorType,
                              String state, String circuit) {
    }

    /** A subscription with its queue figures (broker) and totals (database). */
    public record SubscriptionView(String id, String subscriber, String topic, String state, Long backlog,
                                   Long inFlight, long delivered, long retried, long deadLetters,
                                   Long oldestMessageAgeSeconds) {
    }

    private final CatalogHolder catalogs;
    private final RouteControl control;
    private final BrokerQueueStats queues;
    private final DeliveryCounts counts;
    private final ObjectProvider<CircuitStateSource> circuits;

    public OpsRouteControlController(CatalogHolder catalogs, RouteControl control, BrokerQueueStats queues,
                                     DeliveryCounts counts, ObjectProvider<CircuitStateSource> circuits) {
        this.catalogs = catalogs;
        this.control = control;
        this.queues = queues;
        this.counts = counts;
        this.circuits = circuits;
    }

    @GetMapping(path = "/services", produces = "application/json")
    public List<ServiceView> services() {
        Catalog catalog = catalogs.current();
        return catalog.services().stream()
                .sorted((a, b) -> a.key().compareTo(b.key()))
                .map(s -> view(catalog, s)).toList();
    }

    @PostMapping(path = "/services/{provider}/{service}:suspend", produces = "application/json")
    public ServiceView suspendService(@PathVariable String provider, @PathVariable String service, Principal operator) {
        return view(catalogs.current(), control.setService(provider, service, RouteControl.State.SUSPENDED,
                operator.getName()));
    }

    @PostMapping(path = "/services/{provider}/{service}:resume", produces = "application/json")
    public ServiceView resumeService(@PathVariable String provider, @PathVariable String service, Principal operator) {
        return view(catalogs.current(), control.setService(provider, service, RouteControl.State.ACTIVE,
                operator.getName()));
    }

    @GetMapping(path = "/subscriptions", produces = "application/json")
    public List<SubscriptionView> subscriptions() {
        List<SubscriptionDefinition> all = catalogs.current().subscriptions();
        BrokerQueueStats.Snapshot snapshot = queues.snapshot(all);
        Map<String, DeliveryCounts.Totals> totals = counts.all();
        return all.stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .map(s -> view(s, snapshot, totals)).toList();
    }

    @PostMapping(path = "/subscriptions/{id}:suspend", produces = "application/json")
    public SubscriptionView suspendSubscription(@PathVariable String id, Principal operator) {
        return switchSubscription(id, RouteControl.State.SUSPENDED, operator);
    }

    @PostMapping(path = "/subscriptions/{id}:resume", produces = "application/json")
    public SubscriptionView resumeSubscription(@PathVariable String id, Principal operator) {
        return switchSubscription(id, RouteControl.State.ACTIVE, operator);
    }

    /** The same with the id as listed, {@code subscriber>publisher/topic} (its "/" as path separator). */
    @PostMapping(path = "/subscriptions/{subscriberAndPublisher}/{topic}:{action}", produces = "application/json")
    public SubscriptionView switchByCatalogId(@PathVariable String subscriberAndPublisher, @PathVariable String topic,
                                              @PathVariable String action, Principal operator) {
        String id = subscriberAndPublisher + "/" + topic;
        return switch (action) {
            case "suspend" -> switchSubscription(id, RouteControl.State.SUSPENDED, operator);
            case "resume" -> switchSubscription(id, RouteControl.State.ACTIVE, operator);
            default -> throw new HubException(HubError.NOT_FOUND, "no action :" + action + " (use :suspend or :resume)");
        };
    }

    private SubscriptionView switchSubscription(String id, RouteControl.State state, Principal operator) {
        SubscriptionDefinition subscription = control.setSubscription(id, state, operator.getName());
        return view(subscription, queues.snapshot(catalogs.current().subscriptions()), counts.all());
    }

    private ServiceView view(Catalog catalog, ServiceDefinition s) {
        CircuitStateSource source = circuits.getIfAvailable();
        return new ServiceView(s.providerCode(), catalog.participant(s.providerCode()).map(Participant::name)
                .orElse(s.providerCode()), s.code(), s.version(), s.connector().type(),
                control.serviceState(s).name(), source == null ? null : source.circuitOf(s));
    }

    private SubscriptionView view(SubscriptionDefinition s, BrokerQueueStats.Snapshot snapshot,
                                  Map<String, DeliveryCounts.Totals> totals) {
        BrokerQueueStats.QueueFigures queue = snapshot.of(s);
        DeliveryCounts.Totals t = DeliveryCounts.of(totals, s.id());
        return new SubscriptionView(s.id(), s.subscriberCode(), s.topic(), control.subscriptionState(s).name(),
                queue == null ? null : queue.backlog(), queue == null ? null : queue.inFlight(), t.delivered(),
                t.retried(), t.dead(), queue == null ? null : queue.oldestMessageAgeSeconds());
    }
}
