package vn.lgsp.hub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.auth.Secrets;

/** {@code java -jar lgsp-hub.jar hash-secret | new-api-key}: what they print and when they refuse. */
class HubCommandLineTest {

    private static final Pattern API_KEY = Pattern.compile(
            "api key \\(give to the client, shown once\\): (\\S+)\\R"
                    + "catalog line: +api-keys: \\[\"\\{sha256}([0-9a-f]{64})\"]\\R");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return HubCommandLine.run(args, o, e, null);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hashSecretPrintsABcryptHashThatMatchesTheSecret() {
        assertThat(run("hash-secret", "a-long-enough-secret")).isZero();

        String hash = out().strip();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("a-long-enough-secret");
        assertThat(Secrets.isBcryptHash(hash)).isTrue();
        assertThat(Secrets.matches("a-long-enough-secret", hash)).isTrue();
        assertThat(Secrets.matches("a-long-enough-secreT", hash)).isFalse();
        assertThat(err()).isEmpty();
    }

    @Test
    void hashSecretKeepsVietnameseSecrets() {
        assertThat(run("hash-secret", "mật-khẩu-Sở-Tư-pháp")).isZero();
        assertThat(Secrets.matches("mật-khẩu-Sở-Tư-pháp", out().strip())).isTrue();
    }

    @Test
    void hashSecretRefusesAShortSecret() {
        assertThat(run("hash-secret", "short")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("refused").contains("12");
    }

    @Test
    void hashSecretRefusesASecretLongerThanBcryptReads() {
        // 30 letters but 90 UTF-8 bytes: bcrypt reads 72 at most, so this must be refused, not crash.
        assertThat(run("hash-secret", "ệ".repeat(30))).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("refused").contains("72");
    }

    @Test
    void hashSecretWithoutSecretOrConsoleShowsUsage() {
        assertThat(run("hash-secret")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("usage").contains("hash-secret");
    }

    @Test
    void newApiKeyPrintsTheKeyAndItsSha256CatalogLine() {
        assertThat(run("new-api-key")).isZero();

        Matcher m = API_KEY.matcher(out());
        assertThat(m.matches()).as("output:%n%s", out()).isTrue();
        String key = m.group(1);
        assertThat(key).startsWith("lgsp_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(m.group(2)).isEqualTo(Secrets.sha256Hex(key));
        assertThat(err()).isEmpty();
    }

    @Test
    void newApiKeyIsDifferentEachTime() {
        run("new-api-key");
        run("new-api-key");
        assertThat(API_KEY.matcher(out()).results().map(r -> r.group(1)).distinct()).hasSize(2);
    }

    @Test
    void handlesOnlyItsOwnCommands() {
        assertThat(HubCommandLine.handles(new String[] {"hash-secret"})).isTrue();
        assertThat(HubCommandLine.handles(new String[] {"new-api-key"})).isTrue();
        assertThat(HubCommandLine.handles(new String[] {})).isFalse();
        assertThat(HubCommandLine.handles(new String[] {"--spring.profiles.active=demo"})).isFalse();
    }
}
