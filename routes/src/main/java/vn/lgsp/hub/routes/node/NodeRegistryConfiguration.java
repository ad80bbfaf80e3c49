package vn.lgsp.hub.routes.node;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import vn.lgsp.hub.core.node.NodeRegistry;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * Several hub nodes on one database: claims this node's id ({@code hub.node-id}) in the node registry before the
 * audit chain opens, so a second live process with the same id stops at startup, and reports the lease as the
 * {@code nodeLease} health contributor.
 */
@Configuration
public class NodeRegistryConfiguration {

    @Bean(destroyMethod = "close")
    @DependsOn("flywayInitializer")
    NodeLease nodeLease(DataSource dataSource, HubProperties properties) {
        Duration lease = properties.getNodeLease();
        if (lease == null || lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalStateException("hub.node-lease must be at least 3s (got " + lease + ")");
        }
        String node = properties.getNodeId();
        if (node == null || node.isBlank() || node.length() > 64) {
            throw new IllegalStateException("hub.node-id must be 1-64 characters (got '" + node + "')");
        }
        NodeRegistry registry = new NodeRegistry(dataSource, lease, Duration.ofMillis(250));
        return new NodeLease(registry, node, lease);
    }

    @Bean
    HealthIndicator nodeLeaseHealthIndicator(NodeLease lease) {
        return () -> {
            Health.Builder health = lease.held() ? Health.up() : Health.down();
            health.withDetail("node", lease.node()).withDetail("instance", lease.instance());
            if (lease.lastError() != null) {
                health.withDetail("lastHeartbeatError", lease.lastError());
            }
            return health.build();
        };
    }
}
