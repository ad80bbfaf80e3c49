package vn.lgsp.hub.core.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import vn.lgsp.hub.core.privacy.SubjectKeys;

/**
 * The subject index of the audit trail, table {@code audit_subject} ({@code V6__audit_subject.sql}): one row
 * per (subject key, audit record). {@link JdbcAuditStore} fills it with the same connection, and so in the
 * same transaction, as the record itself; {@link #find} reads the records of one subject for the data-usage
 * report without scanning {@code subject_keys}. Rows of records removed by retention simply no longer join.
 */
public final class AuditSubjects {

    private static final String INSERT = "INSERT INTO audit_subject (subject_key, audit_id) VALUES (?, ?)";
    /** Largest page {@link #find} returns. */
    public static final int MAX_LIMIT = 1000;

    private final DataSource dataSource;

    public AuditSubjects(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Indexes the well-formed keys of a record's {@code subjectKeys} (nothing when it has none). */
    static void index(Connection c, long auditId, String subjectKeys) throws SQLException {
        List<String> keys = SubjectKeys.split(subjectKeys);
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (String key : keys) {
                ps.setString(1, key);
                ps.setLong(2, auditId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The audit records naming the subject key, newest first (id descending), at most {@code limit}, only
     * those with an id below {@code beforeId} when it is set (keyset pagination).
     */
    public List<AuditRecord> find(String subjectKey, Long beforeId, int limit) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        String sql = JdbcAuditStore.SELECT + " JOIN audit_subject s ON s.audit_id = audit_record.id"
                + " WHERE s.subject_key = ?" + (beforeId == null ? "" : " AND s.audit_id < ?")
                + " ORDER BY s.audit_id DESC FETCH FIRST ? ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, subjectKey);
            if (beforeId != null) {
                ps.setLong(i++, beforeId);
            }
            ps.setInt(i, limit);
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(JdbcAuditStore.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot read the audit records of a subject: " + e.getMessage(), e);
        }
    }
}
