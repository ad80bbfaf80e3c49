package vn.lgsp.hub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Client-secret hashes, API keys and digests. */
class SecretsTest {

    /** The form the catalog accepts (ClientParser). */
    static final String CATALOG_BCRYPT = "\\{bcrypt}\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}";

    @Test
    void bcryptProducesTheCatalogFormatWithCost10() {
        String hash = Secrets.bcrypt("stp-secret");
        assertThat(hash).matches(CATALOG_BCRYPT).startsWith("{bcrypt}$2a$10$");
        assertThat(Secrets.bcrypt("stp-secret")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void matchesTheRightSecretOnly() {
        String hash = Secrets.bcrypt("stp-secret");
        assertThat(Secrets.matches("stp-secret", hash)).isTrue();
        assertThat(Secrets.matches("stp-secreT", hash)).isFalse();
        assertThat(Secrets.matches("stp-secret ", hash)).isFalse();
        assertThat(Secrets.matches("", hash)).isFalse();
        assertThat(Secrets.matches(null, hash)).isFalse();
    }

    @Test
    void rejectsStoredValuesThatAreNotBcrypt() {
        assertThat(Secrets.matches("stp-secret", null)).isFalse();
        assertThat(Secrets.matches("stp-secret", "stp-secret")).as("plain text never matches").isFalse();
        assertThat(Secrets.matches("stp-secret", "{noop}stp-secret")).isFalse();
        assertThat(Secrets.matches("stp-secret", "{sha256}" + Secrets.sha256Hex("stp-secret"))).isFalse();
        assertThat(Secrets.matches("stp-secret", Secrets.bcrypt("stp-secret").substring("{bcrypt}".length())))
                .as("a bare hash without the {bcrypt} prefix").isFalse();
        assertThat(Secrets.matches("stp-secret", "{bcrypt}")).isFalse();
        assertThat(Secrets.matches("stp-secret", "{bcrypt}$2a$10$garbage")).isFalse();
    }

    @Test
    void storedHashesWithACostOutsideTheSupportedRangeNeverMatchAndNeverThrow() {
        String salted = "abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234";
        for (String cost : new String[] {"00", "03", "17", "31", "99"}) {
            String stored = "{bcrypt}$2a$" + cost + "$" + salted;
            assertThat(Secrets.isBcryptHash(stored)).as(stored).isFalse();
            // cost 31 would run for days, 99 would throw: neither may reach the verifier
            assertThat(Secrets.matches("s", stored)).as(stored).isFalse();
        }
        assertThat(Secrets.isBcryptHash("{bcrypt}$2a$04$" + salted)).isTrue();
        assertThat(Secrets.isBcryptHash("{bcrypt}$2y$16$" + salted)).isTrue();
        assertThat(Secrets.isBcryptHash(null)).isFalse();
    }

    @Test
    void vietnameseSecretsAreHashedAsUtf8() {
        String secret = "Mật-khẩu-Sở-Tư-pháp-Đắk-Lắk";
        String hash = Secrets.bcrypt(secret);
        assertThat(Secrets.matches(secret, hash)).isTrue();
        assertThat(Secrets.matches("Mat-khau-So-Tu-phap-Dak-Lak", hash)).isFalse();
        String otherTool = "{bcrypt}" + new String(BCrypt.withDefaults()
                .hash(10, secret.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
        assertThat(Secrets.matches(secret, otherTool)).as("a UTF-8 hash made elsewhere").isTrue();
    }

    @ParameterizedTest
    @EnumSource(BCryptVersion.class)
    void verifiesHashesOfOtherBcryptVersions(BCryptVersion version) {
        String hash = "{bcrypt}" + BCrypt.with(version.favre).hashToString(6, "ndxp-secret".toCharArray());
        assertThat(hash).startsWith("{bcrypt}$" + version.prefix + "$06$").matches(CATALOG_BCRYPT);
        assertThat(Secrets.matches("ndxp-secret", hash)).isTrue();
        assertThat(Secrets.matches("ndxp-secreT", hash)).isFalse();
    }

    @Test
    void secretsLongerThanBcryptsLimitNeverMatchAndNeverThrow() {
        String max = "x".repeat(Secrets.BCRYPT_MAX_BYTES);
        String hash = Secrets.bcrypt(max);
        assertThat(Secrets.matches(max, hash)).isTrue();
        assertThat(Secrets.matches(max + "y", hash)).as("bcrypt would ignore the extra byte").isFalse();
        assertThat(Secrets.matches("x".repeat(10_000), hash)).isFalse();
        assertThat(Secrets.matches("ế".repeat(25), Secrets.bcrypt("ế".repeat(24)))).as("75 UTF-8 bytes").isFalse();
        assertThatThrownBy(() -> Secrets.bcrypt(max + "y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sha256HexKnownVectors() {
        assertThat(Secrets.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.sha256Hex(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Secrets.sha256Hex("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(Secrets.sha256Hex("abc"));
        assertThat(Secrets.sha256Hex("Đ")).as("UTF-8 bytes C4 90")
                .isEqualTo(Secrets.sha256Hex(new byte[] {(byte) 0xC4, (byte) 0x90}));
    }

    @Test
    void newApiKeysAreUniqueUrlSafeAndCarry256Bits() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = Secrets.newApiKey();
            assertThat(key).matches("lgsp_[A-Za-z0-9_-]{43}");
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
        String key = Secrets.newApiKey();
        assertThat("{sha256}" + Secrets.sha256Hex(key)).as("digest in the catalog's api-keys form")
                .matches("\\{sha256}[0-9a-f]{64}");
    }

    @Test
    void newSigningKeysAre32RandomBytes() {
        byte[] a = Secrets.newSigningKey();
        byte[] b = Secrets.newSigningKey();
        assertThat(a).hasSize(32);
        assertThat(a).isNotEqualTo(b);
    }

    /** The bcrypt versions other tools write. */
    enum BCryptVersion {
        VERSION_2A(BCrypt.Version.VERSION_2A, "2a"),
        VERSION_2B(BCrypt.Version.VERSION_2B, "2b"),
        VERSION_2Y(BCrypt.Version.VERSION_2Y, "2y");

        final BCrypt.Version favre;
        final String prefix;

        BCryptVersion(BCrypt.Version favre, String prefix) {
            this.favre = favre;
            this.prefix = prefix;
        }
    }
}
