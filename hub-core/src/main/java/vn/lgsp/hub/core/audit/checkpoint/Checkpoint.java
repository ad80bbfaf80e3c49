package vn.lgsp.hub.core.audit.checkpoint;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A signed chain head: the record {@code seq} of {@code node}'s chain has {@code hash}, signed at {@code time}
 * with the key {@code keyId}. The signature covers {@link #signedContent()}:
 * {@code lgsp-checkpoint|v1|<node>|<seq>|<hash>|<ISO-8601 time>}.
 *
 * @param id        row id in {@code audit_checkpoint} (null before it is stored)
 * @param algorithm JCA signature algorithm ({@code Ed25519} or {@code SHA256withECDSA})
 * @param keyId     lower-case hex SHA-256 of the signing public key (see {@link AuditSigner#keyId})
 * @param signature Base64 signature
 */
public record Checkpoint(Long id, String node, long seq, String hash, Instant time, String algorithm, String keyId,
                         String signature) {

    /** The text a checkpoint signs. */
    public static String content(String node, long seq, String hash, Instant time) {
        return "lgsp-checkpoint|v1|" + node + "|" + seq + "|" + hash + "|" + DateTimeFormatter.ISO_INSTANT.format(time);
    }

    /** Signs the head {@code seq}/{@code hash} of {@code node} now (time in microseconds, as databases store it). */
    public static Checkpoint sign(AuditSigner signer, String node, long seq, String hash, Instant now) {
        Instant time = now.truncatedTo(ChronoUnit.MICROS);
        return new Checkpoint(null, node, seq, hash, time, signer.algorithm(), signer.keyId(),
                signer.sign(content(node, seq, hash, time)));
    }

    /** The text this checkpoint's signature covers. */
    public String signedContent() {
        return content(node, seq, hash, time);
    }
}
