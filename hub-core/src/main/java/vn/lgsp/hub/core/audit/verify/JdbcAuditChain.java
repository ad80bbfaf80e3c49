package vn.lgsp.hub.core.audit.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import javax.sql.DataSource;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.JdbcAuditStore;
import vn.lgsp.hub.core.audit.AuditStoreException;

/**
 * The verifier's read-only queries on {@code audit_record} and {@code audit_archive}: chain bounds, seq
 * ranges by time, pages of records in seq order (keyset pagination), rows outside every chain.
 */
public final class JdbcAuditChain {

    /** Seq range of a node's chain in the database. */
    public record Bounds(long first, long last) {
    }

    /** A row of {@code audit_archive}: records first..last of a node were moved to file. */
    public record ArchivedRange(String file, long firstSeq, long lastSeq, String firstPrevHash, String lastHash,
                                String sha256) {
    }

    private static final String COLUMNS = "id, node, seq, time, kind, exchange_id, request_id, consumer, provider, "
            + "service, topic, subscriber, purpose, subject_keys, status, code, duration_ms, request_bytes, "
            + "response_bytes, request_sha256, response_sha256, detail, prev_hash, hash";

    private final DataSource dataSource;

    public JdbcAuditChain(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Nodes with chained records, archives or checkpoints. */
    public List<String> nodes() {
        TreeSet<String> nodes = new TreeSet<>();
        for (String sql : List.of("SELECT DISTINCT node FROM audit_record WHERE seq IS NOT NULL",
                "SELECT DISTINCT node FROM audit_checkpoint", "SELECT DISTINCT node FROM audit_archive")) {
            query(sql, rs -> nodes.add(rs.getString(1)));
        }
        return List.copyOf(nodes);
    }

    /** First and last seq of a node's records in the database, or null when it has none. */
    public Bounds bounds(String node) {
        List<Bounds> out = new ArrayList<>();
        query("SELECT MIN(seq), MAX(seq) FROM audit_record WHERE node = ? AND seq IS NOT NULL", rs -> {
            long max = rs.getLong(2);
            if (!rs.wasNull()) {
                out.add(new Bounds(rs.getLong(1), max));
            }
        }, node);
        return out.isEmpty() ? null : out.get(0);
    }

    /** Smallest seq of a record at or after {@code time}, or null. */
    public Long firstSeqFrom(String node, Instant time) {
        return single("SELECT MIN(seq) FROM audit_record WHERE node = ? AND seq IS NOT NULL AND time >= ?", node,
                OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /** Largest seq of a record at or before {@code time}, or null. */
    public Long lastSeqUntil(String node, Instant time) {
        return single("SELECT MAX(seq) FROM audit_record WHERE node = ? AND seq IS NOT NULL AND time <= ?", node,
                OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /** At most {@code limit} records of a node with {@code after < seq <= upTo}, by seq. */
    public List<AuditRecord> page(String node, long after, long upTo, int limit) {
        List<AuditRecord> out = new ArrayList<>(limit);
        query("SELECT " + COLUMNS + " FROM audit_record WHERE node = ? AND seq > ? AND seq <= ? ORDER BY seq "
                + "FETCH FIRST " + limit + " ROWS ONLY", rs -> out.add(map(rs)), node, after, upTo);
        return out;
    }

    /** Rows without seq (outside every chain), at most {@code limit}, by id. */
    public List<AuditRecord> unchained(int limit) {
        List<AuditRecord> out = new ArrayList<>();
        query("SELECT " + COLUMNS + " FROM audit_record WHERE seq IS NULL ORDER BY id FETCH FIRST " + limit
                + " ROWS ONLY", rs -> out.add(map(rs)));
        return out;
    }

    /** The archives recorded for a node, by seq. */
    public List<ArchivedRange> archived(String node) {
        List<ArchivedRange> out = new ArrayList<>();
        query("SELECT file_name, first_seq, last_seq, first_prev_hash, last_hash, file_sha256 FROM audit_archive "
                + "WHERE node = ? ORDER BY last_seq", rs -> out.add(new ArchivedRange(rs.getString(1), rs.getLong(2),
                rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6))), node);
        return out;
    }

    /** Maps a row selected with all audit_record columns (the store's own mapping). */
    public static AuditRecord map(ResultSet rs) throws SQLException {
        return JdbcAuditStore.mapRow(rs);
    }

    /** All audit_record columns, in the order {@link #map} reads them. */
    public static String columns() {
        return COLUMNS;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private Long single(String sql, Object... params) {
        List<Long> out = new ArrayList<>();
        query(sql, rs -> {
            long v = rs.getLong(1);
            if (!rs.wasNull()) {
                out.add(v);
            }
        }, params);
        return out.isEmpty() ? null : out.get(0);
    }

    private void query(String sql, RowHandler handler, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot read the audit chain: " + e.getMessage(), e);
        }
    }
}
