package vn.lgsp.hub.routes.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.routes.catalog.CatalogChangeListener;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.control.BrokerQueueStats;
import vn.lgsp.hub.routes.control.RouteControl;

/**
 * Per subscription gauges read from the broker at scrape time ({@link BrokerQueueStats}, cached 2 s):
 * backlog, in flight, dead letters, oldest message age, and whether an operator suspended it. Registered
 * for the subscriptions of the catalog at startup, and added or removed as a hot reload adds or removes
 * subscriptions.
 */
@Component
public class SubscriptionGauges implements MeterBinder, CatalogChangeListener {

    private final CatalogHolder catalogs;
    private final BrokerQueueStats queues;
    private final RouteControl control;
    /** The meters of each subscription, by {@link SubscriptionDefinition#id()}. */
    private final Map<String, List<Meter>> meters = new HashMap<>();
    private MeterRegistry registry;

    public SubscriptionGauges(CatalogHolder catalogs, BrokerQueueStats queues, RouteControl control) {
        this.catalogs = catalogs;
        this.queues = queues;
        this.control = control;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = registry;
        catalogs.current().subscriptions().forEach(this::register);
    }

    @Override
    public synchronized void applied(Catalog previous, Catalog current) {
        if (registry == null) {
            return;
        }
        Set<String> inForce = new HashSet<>();
        for (SubscriptionDefinition s : current.subscriptions()) {
            inForce.add(s.id());
            if (!meters.containsKey(s.id())) {
                register(s);
            }
        }
        meters.keySet().removeIf(id -> {
            if (inForce.contains(id)) {
                return false;
            }
            meters.get(id).forEach(registry::remove);
            return true;
        });
    }

    private void register(SubscriptionDefinition s) {
        Tags tags = Tags.of("subscriber", s.subscriberCode(), "topic", s.topic());
        List<Meter> registered = new ArrayList<>();
        registered.add(gauge("hub.subscription.backlog", "messages", "Messages waiting in the subscription queue",
                tags, s, q -> q.backlog()));
        registered.add(gauge("hub.subscription.in.flight", "messages", "Messages being delivered", tags, s,
                q -> q.inFlight()));
        registered.add(gauge("hub.subscription.dead.letters", "messages", "Messages in the dead-letter queue", tags, s,
                q -> q.deadLetters()));
        registered.add(gauge("hub.subscription.oldest.message.age", "seconds",
                "Age of the oldest waiting message (0 when none)", tags, s,
                q -> q.oldestMessageAgeSeconds() == null ? 0 : q.oldestMessageAgeSeconds()));
        // looked up by id at scrape time: a changed subscription (same id) keeps its gauges
        String id = s.id();
        registered.add(Gauge.builder("hub.subscription.suspended", id, subscriptionId -> current(subscriptionId)
                        .map(sub -> control.subscriptionState(sub) == RouteControl.State.SUSPENDED ? 1 : 0).orElse(0))
                .strongReference(true) // Micrometer holds the state object weakly otherwise
                .description("1 while an operator suspended the subscription").tags(tags).register(registry));
        meters.put(id, registered);
    }

    private java.util.Optional<SubscriptionDefinition> current(String id) {
        return catalogs.current().subscriptions().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private Gauge gauge(String name, String unit, String description, Tags tags,
                        SubscriptionDefinition subscription, ToDoubleFunction<BrokerQueueStats.QueueFigures> value) {
        return Gauge.builder(name, subscription, s -> {
                    BrokerQueueStats.QueueFigures q = queues.snapshot(catalogs.current().subscriptions()).of(s);
                    return q == null ? Double.NaN : value.applyAsDouble(q);
                })
                .strongReference(true) // the catalog in force may no longer hold this very object after a reload
                .baseUnit(unit).description(description).tags(tags).register(registry);
    }
}
