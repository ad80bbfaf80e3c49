package vn.lgsp.hub.routes.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.control.BrokerQueueStats;
import vn.lgsp.hub.routes.control.RouteControl;

/**
 * Per subscription gauges read from the broker at scrape time ({@link BrokerQueueStats}, cached 2 s):
 * backlog, in flight, dead letters, oldest message age, and whether an operator suspended it. Registered
 * for the subscriptions of the catalog at startup.
 */
@Component
public class SubscriptionGauges implements MeterBinder {

    private final CatalogHolder catalogs;
    private final BrokerQueueStats queues;
    private final RouteControl control;

    public SubscriptionGauges(CatalogHolder catalogs, BrokerQueueStats queues, RouteControl control) {
        this.catalogs = catalogs;
        this.queues = queues;
        this.control = control;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SubscriptionDefinition s : catalogs.current().subscriptions()) {
            Tags tags = Tags.of("subscriber", s.subscriberCode(), "topic", s.topic());
            gauge(registry, "hub.subscription.backlog", "messages", "Messages waiting in the subscription queue", tags,
                    s, q -> q.backlog());
            gauge(registry, "hub.subscription.in.flight", "messages", "Messages being delivered", tags, s,
                    q -> q.inFlight());
            gauge(registry, "hub.subscription.dead.letters", "messages", "Messages in the dead-letter queue", tags, s,
                    q -> q.deadLetters());
            gauge(registry, "hub.subscription.oldest.message.age", "seconds",
                    "Age of the oldest waiting message (0 when none)", tags, s,
                    q -> q.oldestMessageAgeSeconds() == null ? 0 : q.oldestMessageAgeSeconds());
            Gauge.builder("hub.subscription.suspended", s,
                            sub -> control.subscriptionState(sub) == RouteControl.State.SUSPENDED ? 1 : 0)
                    .description("1 while an operator suspended the subscription").tags(tags).register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description, Tags tags,
                       SubscriptionDefinition subscription, ToDoubleFunction<BrokerQueueStats.QueueFigures> value) {
        Gauge.builder(name, subscription, s -> {
                    BrokerQueueStats.QueueFigures q = queues.snapshot(catalogs.current().subscriptions()).of(s);
                    return q == null ? Double.NaN : value.applyAsDouble(q);
                })
                .baseUnit(unit).description(description).tags(tags).register(registry);
    }
}
