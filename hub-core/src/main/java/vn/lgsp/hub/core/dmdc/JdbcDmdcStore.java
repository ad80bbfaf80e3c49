package vn.lgsp.hub.core.dmdc;

import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import javax.sql.DataSource;
import vn.lgsp.hub.core.auth.Secrets;

/**
 * The DMDC copies ({@code dmdc_copy}, V9) on plain JDBC; H2 and PostgreSQL. SQL errors surface as
 * {@link IllegalStateException} naming the catalog.
 */
public final class JdbcDmdcStore {

    private static final String SELECT = "SELECT code, version, item_count, content, content_sha256, fetched_at, "
            + "last_attempt_at, last_error FROM dmdc_copy";
    private static final int MAX_ERROR = 1000;
    private final DataSource dataSource;

    public JdbcDmdcStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Replaces the copy of {@code code} with freshly fetched content. */
    public DmdcCopy saveFetched(String code, String version, int itemCount, String content, Instant fetchedAt) {
        String sha = Secrets.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
        OffsetDateTime at = OffsetDateTime.ofInstant(fetchedAt, ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE dmdc_copy SET version = ?, item_count = ?, "
                        + "content = ?, content_sha256 = ?, fetched_at = ?, last_attempt_at = ?, last_error = NULL "
                        + "WHERE code = ?")) {
                    ps.setString(1, version);
                    ps.setInt(2, itemCount);
                    ps.setString(3, content);
                    ps.setString(4, sha);
                    ps.setObject(5, at);
                    ps.setObject(6, at);
                    ps.setString(7, code);
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO dmdc_copy (code, version, item_count, "
                            + "content, content_sha256, fetched_at, last_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        ps.setString(1, code);
                        ps.setString(2, version);
                        ps.setInt(3, itemCount);
                        ps.setString(4, content);
                        ps.setString(5, sha);
                        ps.setObject(6, at);
                        ps.setObject(7, at);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the DMDC copy of " + code + ": " + e.getMessage(), e);
        }
        return new DmdcCopy(code, version, itemCount, content, sha, fetchedAt, fetchedAt, null);
    }

    /**
     * Records a failed fetch of {@code code}; the copy already stored (if any) is kept. Returns false when
     * there is no copy to annotate.
     */
    public boolean recordFailure(String code, String reason, Instant attemptedAt) {
        String shortReason = reason == null ? "unknown" : reason.length() > MAX_ERROR ? reason.substring(0, MAX_ERROR) : reason;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE dmdc_copy SET last_attempt_at = ?, last_error = ? WHERE code = ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(attemptedAt, ZoneOffset.UTC));
            ps.setString(2, shortReason);
            ps.setString(3, code);
            int updated = ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return updated > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the failed DMDC fetch of " + code + ": " + e.getMessage(), e);
        }
    }

    /** The copy of {@code code}, if one was ever fetched. */
    public Optional<DmdcCopy> find(String code) {
        List<DmdcCopy> found = query(SELECT + " WHERE code = ?", code);
        return found.stream().findFirst();
    }

    /** Every copy, by code. */
    public List<DmdcCopy> all() {
        return query(SELECT + " ORDER BY code");
    }

    private List<DmdcCopy> query(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<DmdcCopy> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DmdcCopy(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read DMDC copies: " + e.getMessage(), e);
        }
    }
}
