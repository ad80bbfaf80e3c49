package vn.lgsp.hub.core.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node ids of the hub processes sharing one database ({@code hub_node}, V12), on plain JDBC (H2 and PostgreSQL).
 * A process {@link #claim claims} its node id at startup and keeps a lease on it with {@link #renew heartbeats};
 * a second process asking for an id whose holder is still alive gets {@link NodeIdInUseException}. Every time
 * is taken from the database's clock, so nodes with skewed clocks agree on leases.
 *
 * <p>When the id is held by a lease that has not run out yet, {@code claim} watches the row: a heartbeat proves
 * the holder alive (refused at once); an expired lease, or a holder the caller proves gone (e.g. the same host
 * and a process id that no longer runs: the previous run of a crashed node), is taken over.
 */
public final class NodeRegistry {

    /** SQLSTATE of a unique-key violation on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SELECT = "SELECT node, instance, host, pid, started_at, heartbeat_at, heartbeats, "
            + "lease_until FROM hub_node";
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    /** Who claims a node id: a fresh random instance id, this host and this process. */
    public record Identity(String instance, String host, long pid) {

        /** This process, with a new random instance id. */
        public static Identity current() {
            return new Identity(UUID.randomUUID().toString(), hostName(), ProcessHandle.current().pid());
        }

        private static String hostName() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        }
    }

    private final DataSource dataSource;
    private final Duration lease;
    private final Duration poll;

    /**
     * @param lease how long a claim stays valid without a heartbeat (heartbeats should come every third of it)
     * @param poll  how often {@link #claim} re-reads a row held by someone else
     */
    public NodeRegistry(DataSource dataSource, Duration lease, Duration poll) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.poll = Objects.requireNonNull(poll, "poll");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the node lease must be positive");
        }
    }

    /**
     * Claims {@code node} for {@code self}; waits at most until the current holder's lease runs out.
     *
     * @param provablyGone true for a holder the caller knows is no longer running (taken over at once)
     * @throws NodeIdInUseException when a live process holds the id
     */
    public NodeInfo claim(String node, Identity self, Predicate<NodeInfo> provablyGone) {
        NodeInfo watched = null;
        Instant giveUp = null;
        while (true) {
            Instant now = databaseNow();
            if (insert(node, self, now)) {
                return find(node).orElseThrow();
            }
            Optional<NodeInfo> current = find(node);
            if (current.isEmpty()) {
                continue; // removed between our insert and read: try again
            }
            NodeInfo holder = current.get();
            if (holder.instance().equals(self.instance())) {
                return holder;
            }
            if (!holder.leaseUntil().isAfter(now) || provablyGone.test(holder)) {
                if (takeOver(node, self, holder, now)) {
                    LOG.info("Node id {} taken over from {}", node, holder.describe());
                    return find(node).orElseThrow();
                }
                watched = null;
                continue; // someone else changed the row first: look again
            }
            if (watched != null && (!watched.instance().equals(holder.instance())
                    || watched.heartbeats() != holder.heartbeats())) {
                throw inUse(node, holder);
            }
            if (watched == null) {
                watched = holder;
                giveUp = now.plus(lease.multipliedBy(2)).plusSeconds(5);
                LOG.info("Node id {} is leased to {}; waiting up to {} for a heartbeat (alive: refuse) or the end of its"
                        + " lease (a stopped process: take over)", node, holder.describe(),
                        Duration.between(now, holder.leaseUntil()));
            } else if (now.isAfter(giveUp)) {
                throw inUse(node, holder);
            }
            sleep();
        }
    }

    /** Renews the lease of {@code instance} on {@code node}; false when another instance holds it now. */
    public boolean renew(String node, String instance) {
        Instant now = databaseNow();
        return update("UPDATE hub_node SET heartbeat_at = ?, heartbeats = heartbeats + 1, lease_until = ? "
                + "WHERE node = ? AND instance = ?", ts(now), ts(now.plus(lease)), node, instance) == 1;
    }

    /** Ends the lease of {@code instance} on {@code node} now (a clean shutdown: the next start takes over at once). */
    public void release(String node, String instance) {
        Instant now = databaseNow();
        update("UPDATE hub_node SET lease_until = ? WHERE node = ? AND instance = ?", ts(now), node, instance);
    }

    /** The registry row of a node id. */
    public Optional<NodeInfo> find(String node) {
        List<NodeInfo> rows = query(SELECT + " WHERE node = ?", node);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every registered node id, sorted. */
    public List<NodeInfo> nodes() {
        return query(SELECT + " ORDER BY node");
    }

    /** The database server's current time. */
    public Instant databaseNow() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Instant now = rs.getObject(1, OffsetDateTime.class).toInstant();
            commitIfNeeded(c);
            return now;
        } catch (SQLException e) {
            throw new IllegalStateException("node registry: cannot read the database time: " + e.getMessage(), e);
        }
    }

    private NodeIdInUseException inUse(String node, NodeInfo holder) {
        return new NodeIdInUseException("hub.node-id '" + node + "' is already used by a live hub process: "
                + holder.describe() + ". Every node sharing this database needs its own hub.node-id (one audit chain"
                + " per node); if that process is really gone, start again after " + holder.leaseUntil(), holder);
    }

    private boolean insert(String node, Identity self, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO hub_node (node, instance, host, pid, started_at, "
                     + "heartbeat_at, heartbeats, lease_until) VALUES (?, ?, ?, ?, ?, ?, 0, ?)")) {
            ps.setString(1, node);
            ps.setString(2, self.instance());
            ps.setString(3, truncate(self.host()));
            ps.setLong(4, self.pid());
            ps.setObject(5, ts(now));
            ps.setObject(6, ts(now));
            ps.setObject(7, ts(now.plus(lease)));
            ps.executeUpdate();
            commitIfNeeded(c);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("node registry: cannot register node " + node + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the holder only if the row is unchanged since it was read (optimistic). */
    private boolean takeOver(String node, Identity self, NodeInfo holder, Instant now) {
        return update("UPDATE hub_node SET instance = ?, host = ?, pid = ?, started_at = ?, heartbeat_at = ?, "
                        + "heartbeats = 0, lease_until = ? WHERE node = ? AND instance = ? AND heartbeats = ?",
                self.instance(), truncate(self.host()), self.pid(), ts(now), ts(now), ts(now.plus(lease)), node,
                holder.instance(), holder.heartbeats()) == 1;
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            int rows = ps.executeUpdate();
            commitIfNeeded(c);
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("node registry: " + e.getMessage(), e);
        }
    }

    private List<NodeInfo> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<NodeInfo> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new NodeInfo(rs.getString("node"), rs.getString("instance"), rs.getString("host"),
                            rs.getLong("pid"), instant(rs, "started_at"), instant(rs, "heartbeat_at"),
                            rs.getLong("heartbeats"), instant(rs, "lease_until")));
                }
            }
            commitIfNeeded(c);
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("node registry: " + e.getMessage(), e);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a node lease", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String truncate(String host) {
        return host.length() <= 255 ? host : host.substring(0, 255);
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
