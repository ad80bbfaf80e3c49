package vn.lgsp.hub.routes.async;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.routes.config.CatalogHolder;

/**
 * Delivery flow, one route per subscription ({@code delivery:<subscriber>><publisher>/<topic>}): consume
 * from the subscription's own durable queue in a broker transaction -> deliver -> audit -> commit. A slow
 * or dead subscriber only fills its own queue.
 */
@Component
public class DeliveryRoutes extends RouteBuilder {

    private final CatalogHolder catalogs;
    private final DeliverySteps steps;
    private final BrokerTopology topology;

    public DeliveryRoutes(CatalogHolder catalogs, DeliverySteps steps, BrokerTopology topology) {
        this.catalogs = catalogs;
        this.steps = steps;
        this.topology = topology;
    }

    @Override
    public void configure() {
        topology.apply(catalogs.current());
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        for (SubscriptionDefinition subscription : catalogs.current().subscriptions()) {
            from("jms:queue:" + subscription.queueName()
                    + "?transacted=true&cacheLevelName=CACHE_CONSUMER"
                    + "&concurrentConsumers=" + subscription.consumers()
                    + "&maxConcurrentConsumers=" + subscription.consumers()
                    + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                    .routeId("delivery:" + subscription.id())
                    .process(exchange -> steps.deliver(exchange, subscription)).id("deliver:" + subscription.id());
        }
    }
}
