package vn.lgsp.hub.routes.async;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.routes.catalog.CatalogChangeListener;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.config.HubProperties;
import vn.lgsp.hub.routes.control.RouteControl;

/**
 * Delivery flow, one route per subscription ({@code delivery:<subscriber>><publisher>/<topic>}): consume
 * from the subscription's own durable queue in batches, each one broker transaction ({@link DeliveryQueueConsumer})
 * -> deliver each record in order -> record the outcomes and audit them together -> commit. A slow
 * or dead subscriber only fills its own queue. Follows catalog reloads: broker settings of new subscriptions
 * are pushed before the new catalog is in force; routes of removed or changed subscriptions stop (deliveries
 * in flight finish), those of new or changed ones start. A removed subscription's queue and messages stay on
 * the broker until an operator discards them. A subscription an operator suspended ({@link RouteControl})
 * is defined but not started.
 */
@Component
public class DeliveryRoutes extends RouteBuilder implements CatalogChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRoutes.class);
    private final CatalogHolder catalogs;
    private final DeliverySteps steps;
    private final BrokerTopology topology;
    private final RouteControl control;
    private final DeliveryConnection connection;
    private final HubProperties properties;

    public DeliveryRoutes(CatalogHolder catalogs, DeliverySteps steps, BrokerTopology topology, RouteControl control,
                          DeliveryConnection connection, HubProperties properties) {
        this.connection = connection;
        this.properties = properties;
        this.catalogs = catalogs;
        this.steps = steps;
        this.topology = topology;
        this.control = control;
    }

    @Override
    public void configure() {
        topology.apply(catalogs.current());
        define(this, catalogs.current().subscriptions());
    }

    private void define(RouteBuilder builder, List<SubscriptionDefinition> subscriptions) {
        builder.errorHandler(builder.defaultErrorHandler().logExhausted(false).logStackTrace(false));
        for (SubscriptionDefinition subscription : subscriptions) {
            builder.from(endpoint(builder, subscription))
                    .routeId(routeId(subscription))
                    // a subscription an operator suspended stays stopped across restarts and reloads (RouteControl)
                    .autoStartup(control.subscriptionState(subscription) == RouteControl.State.ACTIVE)
                    .process(exchange -> {
                        try {
                            steps.deliver(exchange.getIn().getBody(DeliveryBatch.class), subscription);
                        } catch (RetryableDeliveryFailure retry) {
                            // an expected outcome, not an error: the consumer rolls the batch back
                            exchange.setProperty(DeliveryQueueConsumer.RETRY_PROPERTY, retry.getMessage());
                            exchange.setRollbackOnly(true);
                        }
                    })
                    .id("deliver:" + subscription.id());
        }
    }

    private DeliveryQueueEndpoint endpoint(RouteBuilder builder, SubscriptionDefinition subscription) {
        HubProperties.Async async = properties.getAsync();
        return new DeliveryQueueEndpoint(builder.getContext(), connection, new DeliveryQueueEndpoint.Settings(
                subscription.queueName(), subscription.consumers(), async.getDeliveryBatchMaxRecords(),
                async.getDeliveryBatchMaxTime()));
    }

    static String routeId(SubscriptionDefinition subscription) {
        return RouteControl.deliveryRouteId(subscription);
    }

    @Override
    public void prepare(Catalog current, Catalog next) {
        topology.apply(next);
    }

    @Override
    public void applied(Catalog previous, Catalog current) {
        Map<String, SubscriptionDefinition> before = byId(previous);
        Map<String, SubscriptionDefinition> after = byId(current);
        List<SubscriptionDefinition> start = new ArrayList<>();
        try {
            for (SubscriptionDefinition old : before.values()) {
                SubscriptionDefinition now = after.get(old.id());
                if (now == null || !now.equals(old)) {
                    // stopping waits for the deliveries in flight (Camel's graceful shutdown of the route)
                    getContext().getRouteController().stopRoute(routeId(old));
                    getContext().removeRoute(routeId(old));
                    LOG.info("Delivery route of {} {}", old.id(), now == null
                            ? "retired; its queue " + old.queueName() + " keeps its messages" : "stopped for a change");
                }
            }
            after.values().stream().filter(s -> !s.equals(before.get(s.id()))).forEach(start::add);
            if (!start.isEmpty()) {
                getContext().addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        define(this, start);
                    }
                });
                start.forEach(s -> LOG.info("Delivery route of {} started", s.id()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("delivery routes: " + e.getMessage(), e);
        }
    }

    private static Map<String, SubscriptionDefinition> byId(Catalog catalog) {
        Map<String, SubscriptionDefinition> map = new TreeMap<>();
        catalog.subscriptions().forEach(s -> map.put(s.id(), s));
        return map;
    }
}
