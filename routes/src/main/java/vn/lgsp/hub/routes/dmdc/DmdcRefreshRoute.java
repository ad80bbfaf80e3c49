package vn.lgsp.hub.routes.dmdc;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Refreshes the DMDC copies on a timer ({@code hub.dmdc.initial-delay}, then each catalog
 * every {@code hub.dmdc.refresh-interval}, or every {@code hub.dmdc.retry-interval} while it fails); no route when no catalog is configured.
 */
@Component
public class DmdcRefreshRoute extends RouteBuilder {

    private final DmdcProperties properties;
    private final DmdcRefresher refresher;

    public DmdcRefreshRoute(DmdcProperties properties, DmdcRefresher refresher) {
        this.properties = properties;
        this.refresher = refresher;
    }

    @Override
    public void configure() {
        if (properties.getCatalogs().isEmpty()) {
            return;
        }
        from("timer:dmdc-refresh?delay=" + properties.getInitialDelay().toMillis()
                + "&period=" + Math.min(properties.getRefreshInterval().toMillis(),
                        properties.getRetryInterval().toMillis()))
                .routeId("dmdc-refresh")
                .process(exchange -> refresher.refreshDue()).id("refresh-dmdc-copies");
    }
}
