package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.core.catalog.ConfigDir.BROKEN;
import static vn.lgsp.hub.core.catalog.Problems.assertOnly;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.lgsp.hub.core.auth.Secrets;

/** The {@code resilience:} block of services and the {@code quota:} block of clients. */
class CatalogEdgeBlocksTest {

    static final String AGENCY = "agency: { code: \"000.00.40.H99\", name: \"Sở Y tế tỉnh H99\" }\n";
    static final String SERVICE = "services:\n  - { code: ho-so, connector: { type: rest, url: \"http://127.0.0.1:9/x\" }, %s }\n";

    @TempDir
    Path dir;

    @Test
    void declaredValuesAndDefaults() {
        Catalog catalog = ConfigDir.valid(dir).write(BROKEN, AGENCY + SERVICE.formatted(
                "resilience: { timeout: 5s, max-concurrent: 4, open-for: 10s }") + """
                clients:
                  - { id: syt-a, secret: "%s", quota: { rate: 20/s, daily: 1000 } }
                  - { id: syt-b, secret: "%s" }
                """.formatted(Secrets.bcrypt("a"), Secrets.bcrypt("b"))).load();
        ResiliencePolicy policy = catalog.service("000.00.40.H99", "ho-so").orElseThrow().resilience();
        assertThat(policy.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.maxConcurrent()).isEqualTo(4);
        assertThat(policy.openFor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.failureRate()).isEqualTo(ResiliencePolicy.DEFAULT.failureRate());
        assertThat(catalog.client("syt-a").orElseThrow().quota()).isEqualTo(new ClientQuota(20, Duration.ofSeconds(1), 1000));
        assertThat(catalog.client("syt-b").orElseThrow().quota()).isEqualTo(ClientQuota.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "resilience: { max-concurrent: 0 }|max-concurrent|from 1 to 1024",
        "resilience: { failure-rate: 101 }|failure-rate|from 1 to 100",
        "resilience: { timeout: 0s }|timeout|longer than zero",
        "resilience: { timeout: 5 }|timeout|",
        "resilience: { window: 5, minimum-calls: 10 }|minimum-calls|not be larger than window",
        "resilience: { retries: 3 }|retries|unknown key",
    })
    void badResilienceValuesNameTheField(String block, String key, String reason) {
        assertOnly(ConfigDir.valid(dir).write(BROKEN, AGENCY + SERVICE.formatted(block)).problems(), BROKEN,
                "services[0].resilience." + key, reason == null ? "" : reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quota: { rate: 20 }|rate|N/s, N/min or N/h",
        "quota: { rate: 0/s }|rate|N/s, N/min or N/h",
        "quota: { rate: 5/day }|rate|N/s, N/min or N/h",
        "quota: { daily: -1 }|daily|whole number >= 1",
        "quota: { monthly: 9 }|monthly|unknown key",
    })
    void badQuotaValuesNameTheField(String block, String key, String reason) {
        String client = "clients:\n  - { id: syt-a, secret: \"" + Secrets.bcrypt("a") + "\", " + block + " }\n";
        assertOnly(ConfigDir.valid(dir).write(BROKEN, AGENCY + client).problems(), BROKEN,
                "clients[0].quota." + key, reason);
    }

    @Test
    void remoteSchemaReferencesAreNeverFetched() throws Exception {
        try (java.net.ServerSocket trap = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(1);
            String url = "http://127.0.0.1:" + trap.getLocalPort() + "/evil.json";
            java.util.List<CatalogProblem> problems = ConfigDir.valid(dir).write("schemas/remote-ref.json",
                    "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"$ref\": \"" + url + "\"}")
                    .write(BROKEN, AGENCY + SERVICE.formatted("request-schema: schemas/remote-ref.json")).problems();
            Problems.assertHas(problems, BROKEN, "services[0].request-schema", "is not loaded");
            org.assertj.core.api.Assertions.assertThatThrownBy(trap::accept)
                    .as("nothing connected to the referenced URL").isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }
}
