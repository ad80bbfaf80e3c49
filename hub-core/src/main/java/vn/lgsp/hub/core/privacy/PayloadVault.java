package vn.lgsp.hub.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Optional storage of exchanged payloads (request and response bodies), encrypted with AES-256-GCM in table
 * {@code audit_payload} ({@code db/migration/V6__audit_subject.sql}): a random 96-bit IV per payload and the
 * exchange id, kind and direction as associated data, so a row cannot be moved to another exchange without
 * failing authentication. The key comes from configuration and is never stored. Thread-safe.
 */
public final class PayloadVault {

    /** Which body of an exchange a payload is. */
    public enum Direction { REQUEST, RESPONSE }

    /** A decrypted payload. */
    public record Payload(String exchangeId, String kind, Direction direction, Instant storedAt, byte[] body) {
    }

    /** Length of an AES-256 key in bytes. */
    public static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String INSERT = "INSERT INTO audit_payload (exchange_id, kind, direction, stored_at, iv, "
            + "ciphertext) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT exchange_id, kind, direction, stored_at, iv, ciphertext "
            + "FROM audit_payload WHERE exchange_id = ? ORDER BY id";

    private final DataSource dataSource;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key the AES-256 key ({@value #KEY_BYTES} bytes) */
    public PayloadVault(DataSource dataSource, byte[] key) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the payload key must be " + KEY_BYTES + " bytes (AES-256), got "
                    + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** Encrypts and stores one body (nothing for an empty one). */
    public void store(String exchangeId, String kind, Direction direction, byte[] body) {
        Objects.requireNonNull(exchangeId, "exchangeId");
        if (body == null || body.length == 0) {
            return;
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, iv, aad(exchangeId, kind, direction), body);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, exchangeId);
            ps.setString(2, kind);
            ps.setString(3, direction.name());
            ps.setObject(4, OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            ps.setBytes(5, iv);
            ps.setBytes(6, ciphertext);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the " + direction + " payload of exchange " + exchangeId
                    + ": " + e.getMessage(), e);
        }
    }

    /** The decrypted payloads of an exchange, in storage order; fails if a row was altered. */
    public List<Payload> read(String exchangeId) {
        List<Payload> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, exchangeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString("kind");
                    Direction direction = Direction.valueOf(rs.getString("direction"));
                    byte[] body = crypt(Cipher.DECRYPT_MODE, rs.getBytes("iv"), aad(exchangeId, kind, direction),
                            rs.getBytes("ciphertext"));
                    out.add(new Payload(exchangeId, kind, direction,
                            rs.getObject("stored_at", OffsetDateTime.class).toInstant(), body));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the payloads of exchange " + exchangeId + ": "
                    + e.getMessage(), e);
        }
    }

    private byte[] crypt(int mode, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM " + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption")
                    + " failed (wrong key or altered row)", e);
        }
    }

    private static byte[] aad(String exchangeId, String kind, Direction direction) {
        return (exchangeId + "|" + kind + "|" + direction.name()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PayloadVault[AES-256-GCM, key hidden]";
    }
}
