package vn.lgsp.hub.core.catalog;

import java.util.Locale;

/**
 * The TLS client certificate a client may authenticate with (catalog {@code certificate:} block): its
 * subject distinguished name, its SHA-256 fingerprint, or both (then both must match). The certificate must
 * also chain to the hub's client trust store ({@code hub.tls.truststore}).
 *
 * @param subject subject DN as RFC 2253 prints it (e.g. {@code CN=stp-app,O=So Tu phap,C=VN}), or null
 * @param sha256  lower-case hex SHA-256 of the DER certificate (colons removed), or null
 */
public record ClientCertificate(String subject, String sha256) {

    public ClientCertificate {
        sha256 = sha256 == null ? null : sha256.replace(":", "").toLowerCase(Locale.ROOT);
    }

    /** True when the presented certificate (its RFC 2253 subject and its fingerprint) is this one. */
    public boolean matches(String presentedSubject, String presentedSha256) {
        return (subject == null || subject.equals(presentedSubject))
                && (sha256 == null || sha256.equals(presentedSha256));
    }
}
