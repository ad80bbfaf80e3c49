package vn.lgsp.hub.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash chain of audit records: {@code hash = SHA-256(canonical(record))}, where the canonical encoding
 * lists every field except {@code id} and {@code hash} in a fixed order, each as {@code N} (null) or
 * {@code <length in UTF-8 bytes>:<value>} followed by {@code |}, and includes {@code prevHash}. The first
 * record of a node's chain has {@link #GENESIS} as its {@code prevHash}.
 */
public final class AuditHashing {

    /** {@code prevHash} of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    /** The canonical text hashed for a record (with its node, seq and prevHash set). */
    public static String canonical(AuditRecord r) {
        StringBuilder out = new StringBuilder(512);
        field(out, "v1");
        field(out, r.node());
        field(out, r.seq() == null ? null : r.seq().toString());
        field(out, r.time() == null ? null : DateTimeFormatter.ISO_INSTANT.format(r.time()));
        field(out, r.kind() == null ? null : r.kind().name());
        field(out, r.exchangeId());
        field(out, r.requestId());
        field(out, r.consumer());
        field(out, r.provider());
        field(out, r.service());
        field(out, r.topic());
        field(out, r.subscriber());
        field(out, r.purpose());
        field(out, r.subjectKeys());
        field(out, Integer.toString(r.status()));
        field(out, r.code());
        field(out, Long.toString(r.durationMs()));
        field(out, Long.toString(r.requestBytes()));
        field(out, Long.toString(r.responseBytes()));
        field(out, r.requestSha256());
        field(out, r.responseSha256());
        field(out, r.detail());
        field(out, r.prevHash());
        return out.toString();
    }

    /** The record's hash (lower-case hex SHA-256 of its canonical encoding). */
    public static String hash(AuditRecord record) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(record).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The record with chain fields set: node, seq, prevHash, and the resulting hash. */
    public static AuditRecord link(AuditRecord r, String node, long seq, String prevHash) {
        AuditRecord unhashed = new AuditRecord(r.id(), node, seq, r.time(), r.kind(), r.exchangeId(), r.requestId(),
                r.consumer(), r.provider(), r.service(), r.topic(), r.subscriber(), r.purpose(), r.subjectKeys(),
                r.status(), r.code(), r.durationMs(), r.requestBytes(), r.responseBytes(), r.requestSha256(),
                r.responseSha256(), r.detail(), prevHash, null);
        return new AuditRecord(r.id(), node, seq, r.time(), r.kind(), r.exchangeId(), r.requestId(),
                r.consumer(), r.provider(), r.service(), r.topic(), r.subscriber(), r.purpose(), r.subjectKeys(),
                r.status(), r.code(), r.durationMs(), r.requestBytes(), r.responseBytes(), r.requestSha256(),
                r.responseSha256(), r.detail(), prevHash, hash(unhashed));
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append('N');
        } else {
            out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
        }
        out.append('|');
    }
}
