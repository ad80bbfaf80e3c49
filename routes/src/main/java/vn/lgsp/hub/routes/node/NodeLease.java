package vn.lgsp.hub.routes.node;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lgsp.hub.core.node.NodeInfo;
import vn.lgsp.hub.core.node.NodeRegistry;

/**
 * This process's hold on its node id ({@code hub.node-id}) in the shared node registry: claimed at startup
 * (before the audit chain is opened), renewed by a heartbeat every third of {@code hub.node-lease}, released at
 * a clean shutdown. If another process ever takes the id over (this node could not reach the database for a
 * whole lease), {@link #held()} turns false and the {@code nodeLease} health contributor reports DOWN.
 */
public final class NodeLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);

    private final NodeRegistry registry;
    private final String node;
    private final NodeRegistry.Identity self;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean held;
    private volatile String lastError;

    NodeLease(NodeRegistry registry, String node, Duration lease) {
        this.registry = registry;
        this.node = node;
        this.self = NodeRegistry.Identity.current();
        NodeInfo claimed = registry.claim(node, self, previousRunOfThisHost(self));
        this.held = true;
        LOG.info("Node id {} claimed by {} (lease {}, heartbeat every {})", node, claimed.describe(), lease,
                lease.dividedBy(3));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.dividedBy(3).toMillis());
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A holder on this host whose process is gone, or that had this very process id (a container restarted:
     * the previous run was pid 1 too), is a previous run of this node killed without releasing its lease.
     */
    static Predicate<NodeInfo> previousRunOfThisHost(NodeRegistry.Identity self) {
        return holder -> holder.host().equals(self.host()) && (holder.pid() == self.pid()
                || ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true));
    }

    private void beat() {
        try {
            if (registry.renew(node, self.instance())) {
                held = true;
            } else {
                NodeInfo holder = registry.find(node).orElse(null);
                // several application contexts in one JVM (tests) take the id from each other: not another process
                boolean sameProcess = holder != null && holder.host().equals(self.host()) && holder.pid() == self.pid();
                if (held && !sameProcess) {
                    LOG.error("Node id {} was taken over by another process ({}): two live processes share one audit "
                            + "chain id; stop one of them and give each node its own hub.node-id", node,
                            holder == null ? "row deleted" : holder.describe());
                }
                held = sameProcess;
            }
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.warn("Node {} heartbeat failed (the lease is kept until it runs out): {}", node, e.getMessage());
        }
    }

    /** This node's id. */
    public String node() {
        return node;
    }

    /** This process's random instance id in the registry. */
    public String instance() {
        return self.instance();
    }

    /** False once another process holds this node id. */
    public boolean held() {
        return held;
    }

    /** The latest heartbeat failure, or null. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        if (held) {
            try {
                registry.release(node, self.instance());
                LOG.info("Node id {} released", node);
            } catch (RuntimeException e) {
                LOG.warn("Node id {} could not be released (the next start waits for the lease to end): {}", node,
                        e.getMessage());
            }
        }
    }
}
