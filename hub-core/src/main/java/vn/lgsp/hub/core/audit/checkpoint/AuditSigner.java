package vn.lgsp.hub.core.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECKey;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A node's audit signing key (Ed25519, or ECDSA with SHA-256) with its certificate: signs checkpoints and
 * archives. The static methods verify signatures with a public key alone, for the verifier.
 */
public final class AuditSigner {

    /** Signature algorithm of Ed25519 keys. */
    public static final String ED25519 = "Ed25519";
    /** Signature algorithm of EC keys. */
    public static final String ECDSA = "SHA256withECDSA";

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final String algorithm;
    private final String keyId;

    public AuditSigner(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.algorithm = algorithmFor(certificate.getPublicKey());
        this.keyId = keyId(certificate.getPublicKey());
    }

    public String algorithm() {
        return algorithm;
    }

    /** Lower-case hex SHA-256 of the public key (X.509 SubjectPublicKeyInfo encoding). */
    public String keyId() {
        return keyId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Base64 signature of the UTF-8 bytes of {@code content}. */
    public String sign(String content) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(privateKey);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the audit key " + keyId + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code base64Signature} is a valid signature of {@code content} by {@code key}. */
    public static boolean verify(PublicKey key, String algorithm, String content, String base64Signature) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(content.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The signature algorithm used with this kind of key. */
    public static String algorithmFor(PublicKey key) {
        if (key instanceof EdECKey ed && ED25519.equalsIgnoreCase(ed.getParams().getName())) {
            return ED25519;
        }
        if ("EC".equals(key.getAlgorithm())) {
            return ECDSA;
        }
        throw new IllegalArgumentException("audit signing keys must be Ed25519 or EC, not " + key.getAlgorithm());
    }

    /** Lower-case hex SHA-256 of the key's X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Base64 of the certificate's DER encoding. */
    public static String encode(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The certificate from Base64 DER. */
    public static X509Certificate decode(String base64Der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der.trim())));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Base64 DER X.509 certificate: " + e.getMessage(), e);
        }
    }
}
