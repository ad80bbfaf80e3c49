package vn.lgsp.hub.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The node registry's lease rules, run on H2 and on PostgreSQL by the subclasses. */
abstract class NodeRegistryTest {

    protected abstract DataSource dataSource();

    private static String nodeId() {
        return "node-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static NodeRegistry.Identity identity(String name) {
        return new NodeRegistry.Identity(name + "-" + UUID.randomUUID(), "host-" + name, 4242);
    }

    @Test
    void firstClaimRegistersTheNode() {
        NodeRegistry registry = new NodeRegistry(dataSource(), Duration.ofSeconds(30), Duration.ofMillis(50));
        String node = nodeId();
        NodeRegistry.Identity a = identity("a");
        NodeInfo claimed = registry.claim(node, a, h -> false);
        assertThat(claimed.instance()).isEqualTo(a.instance());
        assertThat(claimed.host()).isEqualTo("host-a");
        assertThat(claimed.leaseUntil()).isAfter(claimed.heartbeatAt());
        assertThat(registry.nodes()).extracting(NodeInfo::node).contains(node);
        assertThat(registry.renew(node, a.instance())).isTrue();
        assertThat(registry.find(node).orElseThrow().heartbeats()).isEqualTo(1);
    }

    @Test
    void aSecondProcessWithTheSameIdIsRefusedWhileTheHolderHeartbeats() {
        NodeRegistry registry = new NodeRegistry(dataSource(), Duration.ofSeconds(3), Duration.ofMillis(50));
        String node = nodeId();
        NodeRegistry.Identity a = identity("a");
        registry.claim(node, a, h -> false);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        try {
            heartbeat.scheduleAtFixedRate(() -> registry.renew(node, a.instance()), 100, 100, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> registry.claim(node, identity("b"), h -> false)))
                    .isInstanceOf(NodeIdInUseException.class)
                    .hasMessageContaining("hub.node-id '" + node + "' is already used by a live hub process")
                    .hasMessageContaining("instance " + a.instance() + " on host host-a (pid 4242)")
                    .satisfies(e -> assertThat(((NodeIdInUseException) e).holder().instance()).isEqualTo(a.instance()));
        } finally {
            heartbeat.shutdownNow();
        }
        assertThat(registry.find(node).orElseThrow().instance()).as("the live holder keeps its id").isEqualTo(a.instance());
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderLosesIt() {
        NodeRegistry registry = new NodeRegistry(dataSource(), Duration.ofMillis(500), Duration.ofMillis(50));
        String node = nodeId();
        NodeRegistry.Identity a = identity("a");
        registry.claim(node, a, h -> false);
        NodeRegistry.Identity b = identity("b");
        // a never heartbeats (killed): b waits for the end of a's lease, then takes the id over
        NodeInfo claimed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> registry.claim(node, b, h -> false));
        assertThat(claimed.instance()).isEqualTo(b.instance());
        assertThat(claimed.heartbeats()).isZero();
        assertThat(registry.renew(node, a.instance())).as("a's heartbeat after the takeover").isFalse();
        assertThat(registry.renew(node, b.instance())).isTrue();
    }

    @Test
    void aReleasedLeaseIsTakenOverAtOnce() {
        NodeRegistry registry = new NodeRegistry(dataSource(), Duration.ofMinutes(10), Duration.ofMillis(50));
        String node = nodeId();
        NodeRegistry.Identity a = identity("a");
        registry.claim(node, a, h -> false);
        registry.release(node, a.instance());
        NodeRegistry.Identity b = identity("b");
        NodeInfo claimed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> registry.claim(node, b, h -> false));
        assertThat(claimed.instance()).isEqualTo(b.instance());
    }

    @Test
    void aHolderProvedGoneIsTakenOverWithoutWaitingForItsLease() {
        NodeRegistry registry = new NodeRegistry(dataSource(), Duration.ofMinutes(10), Duration.ofMillis(50));
        String node = nodeId();
        NodeRegistry.Identity a = identity("a");
        registry.claim(node, a, h -> false);
        NodeRegistry.Identity b = identity("b");
        NodeInfo claimed = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> registry.claim(node, b, h -> h.instance().equals(a.instance()) && h.host().equals("host-a")));
        assertThat(claimed.instance()).isEqualTo(b.instance());
        assertThat(claimed.host()).isEqualTo("host-b");
    }

    @Test
    void differentNodeIdsCoexist() {
        NodeRegistry registry = new NodeRegistry(dataSource(), Duration.ofMinutes(1), Duration.ofMillis(50));
        String first = nodeId();
        String second = nodeId();
        NodeRegistry.Identity a = identity("a");
        NodeRegistry.Identity b = identity("b");
        registry.claim(first, a, h -> false);
        registry.claim(second, b, h -> false);
        assertThat(registry.find(first).orElseThrow().instance()).isEqualTo(a.instance());
        assertThat(registry.find(second).orElseThrow().instance()).isEqualTo(b.instance());
        assertThat(registry.databaseNow()).isBetween(registry.find(first).orElseThrow().startedAt().minusSeconds(60),
                registry.find(first).orElseThrow().startedAt().plusSeconds(60));
    }
}
