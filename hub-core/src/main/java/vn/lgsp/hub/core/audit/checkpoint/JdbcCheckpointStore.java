package vn.lgsp.hub.core.audit.checkpoint;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import vn.lgsp.hub.core.audit.AuditStoreException;

/**
 * Checkpoints ({@code audit_checkpoint}, V3) and the certificates of signing keys ({@code audit_signing_key},
 * V4) on plain JDBC; H2 and PostgreSQL. SQL errors surface as {@link AuditStoreException}.
 */
public final class JdbcCheckpointStore {

    private static final String SELECT = "SELECT id, node, seq, hash, time, algorithm, key_id, signature "
            + "FROM audit_checkpoint";

    private final DataSource dataSource;

    public JdbcCheckpointStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Stores a checkpoint; returns it with its id. */
    public Checkpoint insert(Checkpoint cp) {
        String sql = "INSERT INTO audit_checkpoint (node, seq, hash, time, algorithm, key_id, signature) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, cp.node());
            ps.setLong(2, cp.seq());
            ps.setString(3, cp.hash());
            ps.setObject(4, OffsetDateTime.ofInstant(cp.time(), ZoneOffset.UTC));
            ps.setString(5, cp.algorithm());
            ps.setString(6, cp.keyId());
            ps.setString(7, cp.signature());
            ps.executeUpdate();
            commitIfNeeded(c);
            try (ResultSet keys = ps.getGeneratedKeys()) {
                Long id = keys.next() ? keys.getLong(1) : null;
                return new Checkpoint(id, cp.node(), cp.seq(), cp.hash(), cp.time(), cp.algorithm(), cp.keyId(),
                        cp.signature());
            }
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot store the checkpoint of " + cp.node() + " at seq " + cp.seq() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The latest checkpoint of a node. */
    public Optional<Checkpoint> last(String node) {
        List<Checkpoint> found = query(SELECT + " WHERE node = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY", node);
        return found.stream().findFirst();
    }

    /** The latest checkpoint of a node at or before {@code seq}. */
    public Optional<Checkpoint> atOrBefore(String node, long seq) {
        return query(SELECT + " WHERE node = ? AND seq <= ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY", node, seq)
                .stream().findFirst();
    }

    /** Checkpoints of a node with {@code from <= seq <= to}, by seq. */
    public List<Checkpoint> between(String node, long from, long to) {
        return query(SELECT + " WHERE node = ? AND seq >= ? AND seq <= ? ORDER BY seq", node, from, to);
    }

    /** Nodes that have checkpoints. */
    public List<String> nodes() {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT node FROM audit_checkpoint ORDER BY node");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot list checkpoint nodes: " + e.getMessage(), e);
        }
    }

    /** Records the signer's certificate for {@code node} unless its key is already registered. */
    public void registerKey(String node, AuditSigner signer) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM audit_signing_key WHERE key_id = ?")) {
                ps.setString(1, signer.keyId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_signing_key "
                    + "(key_id, node, algorithm, certificate, registered) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, signer.keyId());
                ps.setString(2, node);
                ps.setString(3, signer.algorithm());
                ps.setString(4, AuditSigner.encode(signer.certificate()));
                ps.setObject(5, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                ps.executeUpdate();
            }
            commitIfNeeded(c);
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot register audit signing key " + signer.keyId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Registered certificates by key id. */
    public Map<String, X509Certificate> keys() {
        Map<String, X509Certificate> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT key_id, certificate FROM audit_signing_key ORDER BY registered");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), AuditSigner.decode(rs.getString(2)));
            }
            return out;
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot read audit signing keys: " + e.getMessage(), e);
        }
    }

    private List<Checkpoint> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Checkpoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Checkpoint(rs.getLong("id"), rs.getString("node"), rs.getLong("seq"),
                            rs.getString("hash"), rs.getObject("time", OffsetDateTime.class).toInstant(),
                            rs.getString("algorithm"), rs.getString("key_id"), rs.getString("signature")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditStoreException("Cannot read checkpoints: " + e.getMessage(), e);
        }
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
