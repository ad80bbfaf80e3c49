package vn.lgsp.hub.core.audit;

import static vn.lgsp.hub.core.audit.ColumnText.fit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link AuditStore} on plain JDBC, for the {@code audit_record} table created by
 * {@code db/migration/V1__audit_record.sql}; works on H2 (default mode) and PostgreSQL.
 *
 * <p>Each {@link AuditRecord} field maps to the column of the same name in snake case ({@code time},
 * {@code kind}, {@code status} and {@code hash} keep their names: they are not reserved on either database).
 *
 * <p>{@link #append} commits before returning and returns the record as stored: with its generated id,
 * the default node when the record had none, the time truncated to microseconds (the databases' precision;
 * {@code Instant.now()} when absent), text longer than its column truncated on a code point boundary
 * (never splitting a base letter from its combining marks) and NUL characters, which PostgreSQL refuses,
 * replaced by U+FFFD. A record's own {@code id} is ignored. SQL errors surface as {@link AuditStoreException}.
 */
public final class JdbcAuditStore implements AuditStore {

    private static final String COLUMNS = "node, seq, time, kind, exchange_id, request_id, consumer, provider, "
            + "service, topic, subscriber, purpose, subject_keys, status, code, duration_ms, request_bytes, "
            + "response_bytes, request_sha256, response_sha256, detail, prev_hash, hash";

    private static final String INSERT = "INSERT INTO audit_record (" + COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Selects every column of {@code audit_record}; rows are read with {@link #map}. */
    static final String SELECT = "SELECT id, " + COLUMNS + " FROM audit_record";

    private final DataSource dataSource;
    private final String defaultNode;

    /**
     * @param dataSource  where the {@code audit_record} table lives
     * @param defaultNode node name written when a record has none (1..64 characters)
     */
    public JdbcAuditStore(DataSource dataSource, String defaultNode) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (defaultNode == null || defaultNode.isBlank() || defaultNode.length() > 64) {
            throw new IllegalArgumentException("defaultNode must be 1..64 characters, got: " + defaultNode);
        }
        this.defaultNode = defaultNode;
    }

    @Override
    public AuditRecord append(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.kind() == null) {
            throw new IllegalArgumentException("audit record kind is required");
        }
        AuditRecord r = normalise(record);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            try {
                long id = insert(c, r);
                if (!autoCommit) {
                    c.commit();
                }
                return withId(r, id);
            } catch (SQLException | RuntimeException e) {
                if (!autoCommit) {
                    rollback(c, e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot append audit record (kind " + r.kind() + ", exchange "
                    + r.exchangeId() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Inserts already chained records (see {@link ChainedAuditWriter}) in one transaction; all or none.
     * Returns them with their ids.
     */
    public List<AuditRecord> insertAll(List<AuditRecord> records) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<AuditRecord> stored = insertBatch(c, records);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot append " + records.size() + " audit records: " + e.getMessage(), e);
        }
    }

    /** The last record of a node's chain (highest seq), if the node has written any. */
    public java.util.Optional<AuditRecord> head(String node) {
        String sql = SELECT + " WHERE node = ? AND seq IS NOT NULL ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(map(rs)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot read the chain head of node " + node + ": " + e.getMessage(), e);
        }
    }

    /** The record as it will be stored (node defaulted, time in microseconds, text fitted to columns). */
    public AuditRecord normalised(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.kind() == null) {
            throw new IllegalArgumentException("audit record kind is required");
        }
        return normalise(record);
    }

    @Override
    public List<AuditRecord> find(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        List<Object> params = new ArrayList<>();
        String sql = SELECT + AuditQuerySql.where(query, params) + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY";
        params.add(query.limit());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            AuditQuerySql.bind(ps, params);
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot read audit records for " + query + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands every record matching the query's filters to {@code sink}, oldest first (id ascending), for an
     * export: no limit ({@link AuditQuery#limit()} is ignored; {@code beforeId} still applies) and flat memory —
     * rows are read through a forward-only, read-only cursor {@value #STREAM_FETCH_SIZE} at a time, in one
     * read transaction (on PostgreSQL one snapshot). The connection is held until the last row is handed over
     * or {@code sink} throws; an exception of {@code sink} stops the read and propagates unchanged.
     *
     * @return how many records were handed over
     */
    public long stream(AuditQuery query, java.util.function.Consumer<? super AuditRecord> sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        List<Object> params = new ArrayList<>();
        String sql = SELECT + AuditQuerySql.where(query, params) + " ORDER BY id";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // PostgreSQL only reads with a cursor (fetch size honoured) inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                AuditQuerySql.bind(ps, params);
                long count = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.setFetchSize(STREAM_FETCH_SIZE);
                    while (rs.next()) {
                        sink.accept(map(rs));
                        count++;
                    }
                }
                c.commit();
                return count;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot stream audit records for " + query + ": " + e.getMessage(), e);
        }
    }

    /** Rows fetched per round trip by {@link #stream}. */
    static final int STREAM_FETCH_SIZE = 500;

    private static long insert(Connection c, AuditRecord r) throws SQLException {
        return insertBatch(c, List.of(r)).get(0).id();
    }

    /** One JDBC batch for all records (one round of statement work per group commit), ids in order. */
    private static List<AuditRecord> insertBatch(Connection c, List<AuditRecord> records) throws SQLException {
        List<AuditRecord> stored = new ArrayList<>(records.size());
        try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
            for (AuditRecord r : records) {
                bindRecord(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                for (AuditRecord r : records) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned fewer generated ids than records");
                    }
                    stored.add(withId(r, keys.getLong(1)));
                }
            }
        }
        for (AuditRecord r : stored) {
            AuditSubjects.index(c, r.id(), r.subjectKeys());
        }
        return stored;
    }

    private static void bindRecord(PreparedStatement ps, AuditRecord r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.node());
        setLong(ps, i++, r.seq());
        ps.setObject(i++, OffsetDateTime.ofInstant(r.time(), ZoneOffset.UTC));
        ps.setString(i++, r.kind().name());
        ps.setString(i++, r.exchangeId());
        ps.setString(i++, r.requestId());
        ps.setString(i++, r.consumer());
        ps.setString(i++, r.provider());
        ps.setString(i++, r.service());
        ps.setString(i++, r.topic());
        ps.setString(i++, r.subscriber());
        ps.setString(i++, r.purpose());
        ps.setString(i++, r.subjectKeys());
        ps.setInt(i++, r.status());
        ps.setString(i++, r.code());
        ps.setLong(i++, r.durationMs());
        ps.setLong(i++, r.requestBytes());
        ps.setLong(i++, r.responseBytes());
        ps.setString(i++, r.requestSha256());
        ps.setString(i++, r.responseSha256());
        ps.setString(i++, r.detail());
        ps.setString(i++, r.prevHash());
        ps.setString(i, r.hash());
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Maps a row selected with all audit_record columns; shared with the chain verifier. */
    public static AuditRecord mapRow(ResultSet rs) throws SQLException {
        return map(rs);
    }

    static AuditRecord map(ResultSet rs) throws SQLException {
        OffsetDateTime time = rs.getObject("time", OffsetDateTime.class);
        return new AuditRecord(
                rs.getLong("id"), rs.getString("node"), rs.getObject("seq", Long.class),
                time == null ? null : time.toInstant(), AuditKind.valueOf(rs.getString("kind")),
                rs.getString("exchange_id"), rs.getString("request_id"), rs.getString("consumer"),
                rs.getString("provider"), rs.getString("service"), rs.getString("topic"),
                rs.getString("subscriber"), rs.getString("purpose"), rs.getString("subject_keys"),
                rs.getInt("status"), rs.getString("code"), rs.getLong("duration_ms"),
                rs.getLong("request_bytes"), rs.getLong("response_bytes"), rs.getString("request_sha256"),
                rs.getString("response_sha256"), rs.getString("detail"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /** The record as it will be stored (see the class comment); id still unset. */
    private AuditRecord normalise(AuditRecord r) {
        String node = r.node() == null ? defaultNode : fit(r.node(), 64);
        Instant time = (r.time() == null ? Instant.now() : r.time()).truncatedTo(ChronoUnit.MICROS);
        return new AuditRecord(null, node, r.seq(), time, r.kind(),
                fit(r.exchangeId(), 64), fit(r.requestId(), 128), fit(r.consumer(), 64),
                fit(r.provider(), 64), fit(r.service(), 128), fit(r.topic(), 128), fit(r.subscriber(), 64),
                fit(r.purpose(), 64), fit(r.subjectKeys(), 4000), r.status(), fit(r.code(), 64),
                r.durationMs(), r.requestBytes(), r.responseBytes(), fit(r.requestSha256(), 64),
                fit(r.responseSha256(), 64), fit(r.detail(), 2000), fit(r.prevHash(), 64), fit(r.hash(), 64));
    }

    private static AuditRecord withId(AuditRecord r, long id) {
        return new AuditRecord(id, r.node(), r.seq(), r.time(), r.kind(), r.exchangeId(), r.requestId(),
                r.consumer(), r.provider(), r.service(), r.topic(), r.subscriber(), r.purpose(), r.subjectKeys(),
                r.status(), r.code(), r.durationMs(), r.requestBytes(), r.responseBytes(), r.requestSha256(),
                r.responseSha256(), r.detail(), r.prevHash(), r.hash());
    }
}
