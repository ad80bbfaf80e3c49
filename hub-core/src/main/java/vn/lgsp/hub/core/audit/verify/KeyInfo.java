package vn.lgsp.hub.core.audit.verify;

/**
 * A signing key the verifier knew, so an auditor can compare fingerprints with the ones nodes published.
 *
 * @param keyId     lower-case hex SHA-256 of the public key
 * @param algorithm signature algorithm
 * @param subject   certificate subject
 * @param source    where the certificate came from: {@code keystore}, {@code database}, or an archive file
 */
public record KeyInfo(String keyId, String algorithm, String subject, String source) {
}
