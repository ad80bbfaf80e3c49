package vn.lgsp.hub.routes.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.control.BrokerQueueStats;
import vn.lgsp.hub.routes.control.RouteControl;

/**
 * The hub's own health contributors, part of the readiness group (application.yml,
 * {@code management.endpoint.health.group.readiness}) next to Spring's {@code db} and {@code jms}:
 * {@code catalog} (a catalog is loaded), {@code maintenance} (OUT_OF_SERVICE while an operator drains the
 * node) and {@code subscriptions} (each subscription's backlog as details; informational, never DOWN).
 */
@Configuration
public class HubHealthIndicators {

    @Bean
    HealthIndicator catalogHealthIndicator(CatalogHolder catalogs) {
        return () -> {
            Catalog catalog = catalogs.current();
            if (catalog == null) {
                return Health.down().withDetail("reason", "no catalog loaded").build();
            }
            return Health.up().withDetail("participants", catalog.participants().size())
                    .withDetail("services", catalog.services().size())
                    .withDetail("subscriptions", catalog.subscriptions().size()).build();
        };
    }

    @Bean
    HealthIndicator maintenanceHealthIndicator(RouteControl control) {
        return () -> {
            RouteControl.Maintenance maintenance = control.maintenance();
            if (!maintenance.enabled()) {
                return Health.up().withDetail("enabled", false).build();
            }
            return Health.outOfService().withDetail("enabled", true).withDetail("since", maintenance.since())
                    .withDetail("by", maintenance.by()).build();
        };
    }

    @Bean
    HealthIndicator subscriptionsHealthIndicator(CatalogHolder catalogs, BrokerQueueStats queues, RouteControl control) {
        return () -> {
            List<SubscriptionDefinition> all = catalogs.current().subscriptions();
            BrokerQueueStats.Snapshot snapshot = queues.snapshot(all);
            if (snapshot.error() != null) {
                return Health.unknown().withDetail("error", snapshot.error()).build();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            for (SubscriptionDefinition s : all) {
                BrokerQueueStats.QueueFigures q = snapshot.of(s);
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("state", control.subscriptionState(s).name());
                one.put("backlog", q == null ? null : q.backlog());
                one.put("inFlight", q == null ? null : q.inFlight());
                one.put("deadLetters", q == null ? null : q.deadLetters());
                one.put("oldestMessageAgeSeconds", q == null ? null : q.oldestMessageAgeSeconds());
                details.put(s.id(), one);
            }
            return Health.up().withDetails(details).build();
        };
    }
}
