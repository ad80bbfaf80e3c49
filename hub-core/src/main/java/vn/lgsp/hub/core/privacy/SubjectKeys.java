package vn.lgsp.hub.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of subject ids: {@code key = lower-hex(HMAC-SHA256(hubSecret, subjectId))}. The audit trail
 * stores only these keys (field {@code subjectKeys}: the keys joined with {@code ','}), never the ids; the same
 * id gives the same key on every node sharing the secret, so a data-usage report finds every exchange of a
 * person without the audit store holding a readable id (nor one guessable by hashing all 10^12 CCCD numbers
 * without the secret). Thread-safe.
 */
public final class SubjectKeys {

    /** Smallest secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 32;
    /**
     * Most subjects one audit record can name: the keys (64 characters plus a separator each) must fit the
     * 4000-character {@code subject_keys} column whole.
     */
    public static final int MAX_PER_RECORD = 61;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;

    /** @param secret the hub's subject-key secret (at least {@value #MIN_SECRET_BYTES} bytes) */
    public SubjectKeys(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the subject-key secret must be at least " + MIN_SECRET_BYTES
                    + " bytes, got " + secret.length);
        }
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** A new random secret of {@value #MIN_SECRET_BYTES} bytes. */
    public static byte[] newSecret() {
        byte[] bytes = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The key of one subject id (64 lower-case hex characters). */
    public String key(String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(subjectId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** The keys of the ids, distinct, in the ids' order. */
    public List<String> keys(Collection<String> subjectIds) {
        Set<String> keys = new LinkedHashSet<>();
        subjectIds.forEach(id -> keys.add(key(id)));
        return List.copyOf(keys);
    }

    /** The {@code subjectKeys} value of keys: joined with {@code ','}; null when there are none. */
    public static String join(Collection<String> keys) {
        return keys == null || keys.isEmpty() ? null : String.join(",", new LinkedHashSet<>(keys));
    }

    /** The well-formed keys of a {@code subjectKeys} value, distinct, in order; empty for null. */
    public static List<String> split(String subjectKeys) {
        if (subjectKeys == null || subjectKeys.isBlank()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String part : subjectKeys.split(",")) {
            String key = part.trim();
            if (KEY.matcher(key).matches()) {
                keys.add(key);
            }
        }
        return new ArrayList<>(keys);
    }

    /** True for a 64-character lower-case hex key. */
    public static boolean isKey(String value) {
        return value != null && KEY.matcher(value).matches();
    }

    /**
     * A subject id fit to show or log: the first four and last two characters of ids of 8 or more characters
     * (e.g. {@code 0771******34}), only stars for shorter ones.
     */
    public static String mask(String subjectId) {
        if (subjectId == null) {
            return null;
        }
        int n = subjectId.length();
        if (n < 8) {
            return "*".repeat(n);
        }
        return subjectId.substring(0, 4) + "*".repeat(n - 6) + subjectId.substring(n - 2);
    }

    @Override
    public String toString() {
        return "SubjectKeys[HmacSHA256, secret hidden]";
    }
}
