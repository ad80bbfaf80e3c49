package vn.lgsp.hub.core.audit;

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
import javax.sql.DataSource;

/**
 * Per service statistics of synchronous calls over a time range, computed by one SQL aggregate over
 * {@code audit_record} (portable: H2 2.x and PostgreSQL both have {@code PERCENTILE_DISC ... WITHIN GROUP}).
 *
 * <p>A call counts as a <em>success</em> when its CALL record has no hub error code and a 1xx-3xx status;
 * every other CALL record and every REJECT record naming the service is a <em>failure</em>. Durations and
 * sizes (request plus response bytes) are taken over successes only, like X-Road's health data; p95 is the
 * nearest-rank 95th percentile (an observed value).
 */
public final class AuditStatistics {

    /** Figures of one service; duration and size figures are null when it had no success. */
    public record ServiceStats(String provider, String service, long success, long failure, Long minMs, Double avgMs,
                               Long p95Ms, Long maxMs, Long minBytes, Double avgBytes, Long maxBytes) {
    }

    private static final String OK = "(kind = 'CALL' AND code IS NULL AND status < 400)";
    private static final String SQL = "SELECT provider, service,"
            + " SUM(CASE WHEN " + OK + " THEN 1 ELSE 0 END) AS success,"
            + " SUM(CASE WHEN " + OK + " THEN 0 ELSE 1 END) AS failure,"
            + " MIN(CASE WHEN " + OK + " THEN duration_ms END) AS min_ms,"
            + " AVG(CASE WHEN " + OK + " THEN CAST(duration_ms AS DOUBLE PRECISION) END) AS avg_ms,"
            + " PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY CASE WHEN " + OK + " THEN duration_ms END) AS p95_ms,"
            + " MAX(CASE WHEN " + OK + " THEN duration_ms END) AS max_ms,"
            + " MIN(CASE WHEN " + OK + " THEN request_bytes + response_bytes END) AS min_bytes,"
            + " AVG(CASE WHEN " + OK + " THEN CAST(request_bytes + response_bytes AS DOUBLE PRECISION) END) AS avg_bytes,"
            + " MAX(CASE WHEN " + OK + " THEN request_bytes + response_bytes END) AS max_bytes"
            + " FROM audit_record WHERE kind IN ('CALL', 'REJECT') AND provider IS NOT NULL AND service IS NOT NULL"
            + " AND time >= ? AND time < ?";

    private final DataSource dataSource;

    public AuditStatistics(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    /**
     * Statistics of calls received in {@code [from, to)}, per service, ordered by provider and service.
     *
     * @param provider optional provider code filter (null: all)
     * @param service  optional service code filter (null: all)
     */
    public List<ServiceStats> byService(Instant from, Instant to, String provider, String service) {
        StringBuilder sql = new StringBuilder(SQL);
        List<Object> args = new ArrayList<>(List.of(OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(to, ZoneOffset.UTC)));
        if (provider != null) {
            sql.append(" AND provider = ?");
            args.add(provider);
        }
        if (service != null) {
            sql.append(" AND service = ?");
            args.add(service);
        }
        sql.append(" GROUP BY provider, service ORDER BY provider, service");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<ServiceStats> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ServiceStats(rs.getString("provider"), rs.getString("service"), rs.getLong("success"),
                            rs.getLong("failure"), longOrNull(rs, "min_ms"), doubleOrNull(rs, "avg_ms"),
                            longOrNull(rs, "p95_ms"), longOrNull(rs, "max_ms"), longOrNull(rs, "min_bytes"),
                            doubleOrNull(rs, "avg_bytes"), longOrNull(rs, "max_bytes")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot compute call statistics: " + e.getMessage(), e);
        }
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value * 10.0) / 10.0;
    }
}
