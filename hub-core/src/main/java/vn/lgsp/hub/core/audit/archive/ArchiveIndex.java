package vn.lgsp.hub.core.audit.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import vn.lgsp.hub.core.audit.AuditStoreException;

/** The {@code audit_archive} table (V4): which ranges of which chain went to which file. */
final class ArchiveIndex {

    private final DataSource dataSource;

    ArchiveIndex(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    /** Hash of the last record of the archive that ends at {@code lastSeq}. */
    Optional<String> lastHash(String node, long lastSeq) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_hash FROM audit_archive WHERE node = ? AND last_seq = ?")) {
            ps.setString(1, node);
            ps.setLong(2, lastSeq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot read audit_archive: " + e.getMessage(), e);
        }
    }

    /**
     * In one transaction: deletes the archived records and their checkpoints and records the file. Rolls back
     * unless exactly the archived number of records was deleted.
     */
    void moveOut(String node, ArchiveHeader h, String file, String sha256) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                // the data-usage index and encrypted payloads of archived records go with them
                for (String dependent : new String[] {
                    "DELETE FROM audit_subject WHERE audit_id IN "
                        + "(SELECT id FROM audit_record WHERE node = ? AND seq >= ? AND seq <= ?)",
                    "DELETE FROM audit_payload WHERE exchange_id IN "
                        + "(SELECT exchange_id FROM audit_record WHERE node = ? AND seq >= ? AND seq <= ?)"}) {
                    try (PreparedStatement ps = c.prepareStatement(dependent)) {
                        ps.setString(1, node);
                        ps.setLong(2, h.firstSeq());
                        ps.setLong(3, h.lastSeq());
                        ps.executeUpdate();
                    }
                }
                int deleted;
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM audit_record WHERE node = ? AND seq >= ? AND seq <= ?")) {
                    ps.setString(1, node);
                    ps.setLong(2, h.firstSeq());
                    ps.setLong(3, h.lastSeq());
                    deleted = ps.executeUpdate();
                }
                if (deleted != h.count()) {
                    throw new SQLException("expected to delete " + h.count() + " records of " + node + " seq "
                            + h.firstSeq() + ".." + h.lastSeq() + " but found " + deleted);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM audit_checkpoint WHERE node = ? AND seq >= ? AND seq <= ?")) {
                    ps.setString(1, node);
                    ps.setLong(2, h.firstSeq());
                    ps.setLong(3, h.lastSeq());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_archive (node, file_name, first_seq, "
                        + "last_seq, record_count, first_prev_hash, last_hash, file_sha256, created) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, node);
                    ps.setString(2, file);
                    ps.setLong(3, h.firstSeq());
                    ps.setLong(4, h.lastSeq());
                    ps.setLong(5, h.count());
                    ps.setString(6, h.prevHash());
                    ps.setString(7, h.lastHash());
                    ps.setString(8, sha256);
                    ps.setObject(9, OffsetDateTime.ofInstant(h.created(), ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot delete archived audit records of " + node + ": " + e.getMessage(), e);
        }
    }
}
