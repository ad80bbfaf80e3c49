package vn.lgsp.hub.routes.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run (Bouncy Castle): issues a server certificate for
 * 127.0.0.1 and client certificates, and writes PKCS#12 key and trust stores.
 */
final class TestCa {

    static final char[] PASSWORD = "test-store-password".toCharArray();
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private long serial = 2;

    TestCa(String name) {
        caKeys = newKeys();
        caCertificate = sign(new X500Name("CN=" + name + ",O=LGSP Hub test,C=VN"), caKeys, true, false);
    }

    /** An issued certificate with its key. */
    record Issued(KeyPair keys, X509Certificate certificate) {
        String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String subject() {
            return certificate.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        }
    }

    Issued server() {
        KeyPair keys = newKeys();
        return new Issued(keys, sign(new X500Name("CN=127.0.0.1,O=LGSP Hub test,C=VN"), keys, false, true));
    }

    Issued client(String commonName) {
        KeyPair keys = newKeys();
        return new Issued(keys, sign(new X500Name("CN=" + commonName + ",O=LGSP Hub test,C=VN"), keys, false, false));
    }

    /** A PKCS#12 keystore with the issued key and its chain. */
    Path keystore(Path dir, String file, Issued issued) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", issued.keys().getPrivate(), PASSWORD,
                    new X509Certificate[] {issued.certificate(), caCertificate});
            return write(dir.resolve(file), store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 trust store holding this CA's certificate. */
    Path truststore(Path dir, String file) {
        try {
            return write(dir.resolve(file), trustStore());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context trusting this CA, presenting {@code client} when not null. */
    SSLContext clientContext(Issued client) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            if (client != null) {
                keyStore.setKeyEntry("key", client.keys().getPrivate(), PASSWORD,
                        new X509Certificate[] {client.certificate(), caCertificate});
            }
            keys.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", caCertificate);
        return store;
    }

    private static Path write(Path file, KeyStore store) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private X509Certificate sign(X500Name subject, KeyPair keys, boolean ca, boolean server) {
        try {
            Instant now = Instant.now();
            X500Name issuer = ca ? subject : X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial++),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(ca ? keys.getPrivate() : caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
