package vn.lgsp.hub.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PKCS#12 audit keystore: generated, loaded, refused with a clear reason; Ed25519 and EC keys. */
class AuditKeystoreTest {

    private static final char[] PASSWORD = "mat-khau-kho-khoa-2025".toCharArray(); // PKCS#12 passwords must be ASCII

    @TempDir
    Path dir;

    @Test
    void aCreatedKeystoreLoadsWithTheSameKey() throws Exception {
        Path file = dir.resolve("keys/audit.p12");
        AuditSigner created = AuditKeystore.create(file, PASSWORD, "audit", "lgsp-hub audit node-1");

        AuditSigner loaded = AuditKeystore.load(file, PASSWORD, "audit");

        assertThat(loaded.keyId()).isEqualTo(created.keyId()).hasSize(64);
        assertThat(loaded.algorithm()).isEqualTo(AuditSigner.ED25519);
        assertThat(loaded.certificate().getSubjectX500Principal().getName()).contains("CN=lgsp-hub audit node-1");
        assertThat(AuditKeystore.load(file, PASSWORD, "").keyId()).as("the only key entry").isEqualTo(created.keyId());
        String sig = loaded.sign("nội dung");
        assertThat(AuditSigner.verify(created.certificate().getPublicKey(), created.algorithm(), "nội dung", sig)).isTrue();
        assertThat(AuditSigner.verify(created.certificate().getPublicKey(), created.algorithm(), "noi dung", sig)).isFalse();
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void refusesAMissingFileAWrongPasswordAndAnUnknownAlias() {
        Path file = dir.resolve("audit.p12");
        assertThatThrownBy(() -> AuditKeystore.load(file, PASSWORD, "audit"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
        AuditKeystore.create(file, PASSWORD, "audit", "x");
        assertThatThrownBy(() -> AuditKeystore.load(file, "wrong".toCharArray(), "audit"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> AuditKeystore.load(file, PASSWORD, "other"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'other'");
        assertThatThrownBy(() -> AuditKeystore.create(file, PASSWORD, "audit", "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
    }

    @Test
    void anEcKeyFromAConfiguredKeystoreSignsCheckpoints() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair pair = gen.generateKeyPair();
        X500Name name = new X500Name("CN=prod audit");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.TEN, Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)),
                name, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("prod", pair.getPrivate(), PASSWORD, new Certificate[] {cert});
        Path file = dir.resolve("prod.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }

        AuditSigner signer = AuditKeystore.load(file, PASSWORD, "prod");
        Checkpoint cp = Checkpoint.sign(signer, "node-9", 42, "ab".repeat(32), Instant.now());

        assertThat(signer.algorithm()).isEqualTo(AuditSigner.ECDSA);
        assertThat(AuditSigner.verify(cert.getPublicKey(), cp.algorithm(), cp.signedContent(), cp.signature())).isTrue();
        assertThat(cp.signedContent()).startsWith("lgsp-checkpoint|v1|node-9|42|abab");
    }
}
