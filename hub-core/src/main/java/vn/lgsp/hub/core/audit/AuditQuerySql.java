package vn.lgsp.hub.core.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The SQL of an {@link AuditQuery}'s filters for {@link JdbcAuditStore}: conditions as text, values only bound. */
final class AuditQuerySql {

    private AuditQuerySql() {
    }

    /** The WHERE clause of the query's filters (empty without filters); adds their values to {@code params}. */
    static String where(AuditQuery query, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        filter(sql, params, "exchange_id = ?", query.exchangeId());
        filter(sql, params, "request_id = ?", query.requestId());
        filter(sql, params, "kind = ?", query.kind() == null ? null : query.kind().name());
        filter(sql, params, "consumer = ?", query.consumer());
        filter(sql, params, "provider = ?", query.provider());
        filter(sql, params, "service = ?", query.service());
        filter(sql, params, "topic = ?", query.topic());
        filter(sql, params, "subscriber = ?", query.subscriber());
        filter(sql, params, "code = ?", query.code());
        filter(sql, params, "time >= ?",
                query.from() == null ? null : OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        filter(sql, params, "time < ?",
                query.to() == null ? null : OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        filter(sql, params, "id < ?", query.beforeId());
        return sql.toString();
    }

    /** Appends {@code condition} (with one bind parameter) when {@code value} is not null. */
    private static void filter(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(params.isEmpty() ? " WHERE " : " AND ").append(condition);
            params.add(value);
        }
    }

    /** Binds every value as a parameter: filter values never become SQL text. */
    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
