package vn.lgsp.hub.core.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SubjectKeysTest {

    private static final byte[] SECRET = "a-32-byte-secret-for-the-tests!!".getBytes(UTF_8);

    @Test
    void isTheLowerHexHmacSha256OfTheId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("077190001234".getBytes(UTF_8)));
        assertThat(new SubjectKeys(SECRET).key("077190001234")).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void isStableAcrossInstancesSharingTheSecret() {
        assertThat(new SubjectKeys(SECRET).key("077190001234")).isEqualTo(new SubjectKeys(SECRET.clone()).key("077190001234"));
        assertThat(new SubjectKeys(SECRET).key("077190001234")).isNotEqualTo(new SubjectKeys(SECRET).key("077190001235"));
    }

    @Test
    void dependsOnTheSecret() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(new SubjectKeys(SECRET).key("077190001234")).isNotEqualTo(new SubjectKeys(other).key("077190001234"));
        assertThat(new SubjectKeys(SubjectKeys.newSecret()).key("077190001234"))
                .isNotEqualTo(new SubjectKeys(SubjectKeys.newSecret()).key("077190001234"));
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> new SubjectKeys(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void joinsAndSplitsTheAuditField() {
        SubjectKeys keys = new SubjectKeys(SECRET);
        List<String> two = keys.keys(List.of("077190001234", "001085000111", "077190001234"));
        assertThat(two).hasSize(2);
        String joined = SubjectKeys.join(two);
        assertThat(joined).isEqualTo(two.get(0) + "," + two.get(1));
        assertThat(SubjectKeys.split(joined)).isEqualTo(two);
        assertThat(SubjectKeys.split(joined + ",not-a-key,")).isEqualTo(two);
        assertThat(SubjectKeys.join(List.of())).isNull();
        assertThat(SubjectKeys.split(null)).isEmpty();
        assertThat(SubjectKeys.MAX_PER_RECORD * 65 - 1).isLessThanOrEqualTo(4000);
    }

    @Test
    void masksIds() {
        assertThat(SubjectKeys.mask("077190001234")).isEqualTo("0771******34");
        assertThat(SubjectKeys.mask("12345678")).isEqualTo("1234**78");
        assertThat(SubjectKeys.mask("1234567")).isEqualTo("*******");
        assertThat(new SubjectKeys(SECRET).toString()).doesNotContain("secret-for");
    }
}
