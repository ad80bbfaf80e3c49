package vn.lgsp.hub.core.audit.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PKCS#12 keystore holding a node's audit signing key: {@link #load} an existing one (Ed25519 or EC key
 * entry), or {@link #create} one with a new Ed25519 key and a self-signed certificate (embedded mode).
 * Failures are {@link IllegalStateException}s that name the file and the reason.
 */
public final class AuditKeystore {

    private static final Logger LOG = LoggerFactory.getLogger(AuditKeystore.class);

    private AuditKeystore() {
    }

    /**
     * Loads the key entry {@code alias} (or the only key entry when {@code alias} is blank).
     *
     * @throws IllegalStateException when the file is missing or unreadable, the password is wrong, or the
     *                               entry is absent or not an Ed25519/EC key with a certificate
     */
    public static AuditSigner load(Path file, char[] password, String alias) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("audit keystore " + file.toAbsolutePath() + " does not exist");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read audit keystore " + file.toAbsolutePath()
                    + " (not PKCS#12, or wrong password): " + e.getMessage(), e);
        }
        try {
            String entry = alias == null || alias.isBlank() ? onlyKeyAlias(store, file) : alias;
            Key key = store.getKey(entry, password);
            Certificate cert = store.getCertificate(entry);
            if (!(key instanceof PrivateKey privateKey) || !(cert instanceof X509Certificate x509)) {
                throw new IllegalStateException("audit keystore " + file.toAbsolutePath() + " has no private key entry '"
                        + entry + "' with an X.509 certificate");
            }
            return new AuditSigner(privateKey, x509);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the key in audit keystore " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code file} (and its folder) with a new Ed25519 key under {@code alias} and a self-signed
     * certificate for {@code subject} (a common name, e.g. {@code lgsp-hub audit node-1}); owner-only
     * permissions where the file system has them. Refuses to overwrite an existing file.
     */
    public static AuditSigner create(Path file, char[] password, String alias, String subject) {
        if (Files.exists(file)) {
            throw new IllegalStateException("audit keystore " + file.toAbsolutePath() + " already exists");
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            X509Certificate cert = selfSigned(pair, subject);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {cert});
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                restrict(tmp);
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    store.store(out, password);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new AuditSigner(pair.getPrivate(), cert);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create audit keystore " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Owner read/write only, where the file system supports POSIX permissions. */
    public static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("Cannot restrict permissions of {} on this file system ({}); protect its folder", file, e.toString());
        }
    }

    private static String onlyKeyAlias(KeyStore store, Path file) throws GeneralSecurityException {
        String found = null;
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                if (found != null) {
                    throw new IllegalStateException("audit keystore " + file.toAbsolutePath()
                            + " has several key entries; configure which alias to use");
                }
                found = a;
            }
        }
        if (found == null) {
            throw new IllegalStateException("audit keystore " + file.toAbsolutePath() + " has no key entry");
        }
        return found;
    }

    private static X509Certificate selfSigned(KeyPair pair, String subject)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, subject)
                .addRDN(BCStyle.O, "LGSP Hub").build();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(36500, ChronoUnit.DAYS)), name, pair.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519").build(pair.getPrivate())));
    }
}
