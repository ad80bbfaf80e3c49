package vn.lgsp.hub.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hashing and checking of client secrets ({@code {bcrypt}} hashes) and API keys ({@code {sha256}} digests of
 * high-entropy random keys, so a key can be looked up by its digest).
 */
public final class Secrets {

    /** bcrypt cost used for new hashes. */
    public static final int BCRYPT_COST = 10;
    /** Lowest bcrypt cost accepted (the algorithm's minimum). */
    public static final int BCRYPT_MIN_COST = 4;
    /**
     * Highest bcrypt cost accepted: every +1 doubles the work of each {@code POST /token}; 31 would take days and
     * more than 31 cannot be verified at all.
     */
    public static final int BCRYPT_MAX_COST = 16;
    /** Longest secret bcrypt takes into account, in UTF-8 bytes. */
    public static final int BCRYPT_MAX_BYTES = 72;
    private static final String BCRYPT_PREFIX = "{bcrypt}";
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\{bcrypt}\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A {@code {bcrypt}$2a$10$...} hash of the secret, ready for a catalog file. */
    public static String bcrypt(String secret) {
        return BCRYPT_PREFIX + BCrypt.withDefaults().hashToString(BCRYPT_COST, secret.toCharArray());
    }

    /**
     * True when the secret matches a {@code {bcrypt}} hash from the catalog; false for any other form, and for
     * secrets longer than bcrypt's 72-byte limit (which {@link #bcrypt} refuses to hash, and which other tools
     * would silently truncate — accepting them would let any suffix pass).
     */
    public static boolean matches(String secret, String storedHash) {
        if (secret == null || !isBcryptHash(storedHash)) {
            return false;
        }
        byte[] password = secret.getBytes(StandardCharsets.UTF_8);
        if (password.length > BCRYPT_MAX_BYTES) {
            return false;
        }
        byte[] hash = storedHash.substring(BCRYPT_PREFIX.length()).getBytes(StandardCharsets.UTF_8);
        return BCrypt.verifyer().verify(password, hash).verified;
    }

    /**
     * True when the stored value is a {@code {bcrypt}} hash {@link #matches} can check: version 2a, 2b or 2y,
     * cost {@value #BCRYPT_MIN_COST} to {@value #BCRYPT_MAX_COST}.
     */
    public static boolean isBcryptHash(String storedHash) {
        if (storedHash == null) {
            return false;
        }
        Matcher m = BCRYPT_HASH.matcher(storedHash);
        if (!m.matches()) {
            return false;
        }
        int cost = Integer.parseInt(m.group(1));
        return cost >= BCRYPT_MIN_COST && cost <= BCRYPT_MAX_COST;
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A new random API key (256 bits, URL-safe Base64 without padding). */
    public static String newApiKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "lgsp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** A new random signing key for tokens (256 bits). */
    public static byte[] newSigningKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
