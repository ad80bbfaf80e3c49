package vn.lgsp.hub.core.audit.verify;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;
import vn.lgsp.hub.core.audit.checkpoint.Checkpoint;

/**
 * The certificates the verifier checks signatures with, by key id, each with where it came from (the local
 * keystore, the database's {@code audit_signing_key}, an archive), optionally restricted to pinned key ids.
 * A certificate is only filed under the key
 * id computed from its own public key, so a mislabelled certificate cannot vouch for another key.
 */
public final class KeyRing {

    private record Entry(X509Certificate certificate, String source) {
    }

    private final Map<String, Entry> keys = new LinkedHashMap<>();
    private final Set<String> trusted;

    /** A ring that accepts every key it holds. */
    public KeyRing() {
        this(Set.of());
    }

    /** A ring that accepts only keys with these ids (when not empty), e.g. fingerprints an auditor pinned. */
    public KeyRing(Set<String> trustedKeyIds) {
        this.trusted = Set.copyOf(trustedKeyIds);
    }

    /** True when signatures by this key are accepted (no pinned keys, or one of them). */
    boolean trusted(String keyId) {
        return trusted.isEmpty() || trusted.contains(keyId);
    }

    /** Adds a certificate (the first source of a key is kept). */
    public KeyRing add(X509Certificate certificate, String source) {
        keys.putIfAbsent(AuditSigner.keyId(certificate.getPublicKey()), new Entry(certificate, source));
        return this;
    }

    /** Adds Base64 DER certificates; undecodable ones are skipped and returned as messages. */
    List<String> addEncoded(Map<String, String> certificates, String source) {
        List<String> errors = new ArrayList<>();
        certificates.forEach((id, der) -> {
            try {
                add(AuditSigner.decode(der), source);
            } catch (IllegalArgumentException e) {
                errors.add("certificate of key " + id + ": " + e.getMessage());
            }
        });
        return errors;
    }

    boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    /** Checks a checkpoint: null when valid, else the problem kind. */
    ProblemKind check(Checkpoint cp) {
        Entry e = keys.get(cp.keyId());
        if (e == null || !trusted(cp.keyId())) {
            return ProblemKind.UNKNOWN_KEY;
        }
        // The algorithm follows from the key, not from the (editable) row.
        String algorithm = AuditSigner.algorithmFor(e.certificate().getPublicKey());
        return AuditSigner.verify(e.certificate().getPublicKey(), algorithm, cp.signedContent(), cp.signature())
                ? null : ProblemKind.BAD_SIGNATURE;
    }

    List<KeyInfo> infos() {
        List<KeyInfo> out = new ArrayList<>();
        keys.forEach((id, e) -> out.add(new KeyInfo(id, AuditSigner.algorithmFor(e.certificate().getPublicKey()),
                e.certificate().getSubjectX500Principal().getName(), e.source())));
        return out;
    }
}
