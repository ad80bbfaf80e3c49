package vn.lgsp.hub.routes.async;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * {@code /actuator/prometheus} after known traffic: request, token, publish, delivery, subscription and audit
 * meters with their tags; the whole output passes {@code promtool check metrics} (Debian package prometheus,
 * installed by .ci/install-tools).
 */
class MetricsTest extends AsyncTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private String scrape() {
        HttpResponse<byte[]> response = opsGet("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void metersCarryServiceConsumerSubscriptionAndOutcomeTags() throws Exception {
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200).withBody("{}")));
        String token = consumerToken();
        HttpResponse<byte[]> denied = send(HttpRequest.newBuilder(hub("/api/v1/services/NDXP/resident-lookup"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(denied.statusCode()).isEqualTo(403);
        String exchangeId = publishOne(record("3599003001", "990"));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(state(exchangeId, TestCatalog.SUB_OK)).isEqualTo("DELIVERED"));

        String metrics = scrape();
        assertThat(metrics).containsPattern("hub_requests_seconds_count\\{[^}]*code=\"ACCESS_DENIED\"[^}]*consumer=\""
                + "000\\.00\\.01\\.H99\"[^}]*provider=\"NDXP\"[^}]*service=\"resident-lookup\"[^}]*status=\"403\"[^}]*\\} 1");
        assertThat(metrics).containsPattern("hub_requests_seconds_bucket\\{[^}]*service=\"resident-lookup\"");
        assertThat(metrics).containsPattern("hub_tokens_issued_total\\{[^}]*consumer=\"000\\.00\\.01\\.H99\"");
        assertThat(metrics).containsPattern("hub_records_published_total\\{[^}]*publisher=\"000\\.00\\.32\\.H99\""
                + "[^}]*topic=\"business-registered\"");
        assertThat(metrics).containsPattern("hub_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*subscriber=\""
                + "000\\.00\\.31\\.H99\"[^}]*topic=\"000\\.00\\.32\\.H99/business-registered\"");
        assertThat(metrics).containsPattern("hub_subscription_backlog_messages\\{[^}]*subscriber=\"000\\.00\\.31\\.H99\"");
        assertThat(metrics).containsPattern("hub_subscription_in_flight_messages\\{");
        assertThat(metrics).containsPattern("hub_subscription_dead_letters_messages\\{");
        assertThat(metrics).containsPattern("hub_subscription_oldest_message_age_seconds\\{");
        assertThat(metrics).containsPattern("hub_subscription_suspended\\{");
        assertThat(metrics).containsPattern("hub_audit_batch_write_seconds_count\\{[^}]*node=\"node-1\"");
        assertThat(metrics).containsPattern("hub_audit_batch_size_records_count\\{");
        assertThat(metrics).doesNotContain("3599003001");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("hub_[a-z_]+")
                .matcher(Files.readString(Path.of("../deploy/grafana/lgsp-hub-dashboard.json")));
        while (used.find()) {
            assertThat(metrics).as("metric of the Grafana dashboard").contains(used.group() + "{");
        }

        Assumptions.assumeTrue(promtool(), "promtool is not installed (.ci/install-tools installs it)");
        Path dir = Files.createDirectories(Path.of("target", "prometheus"));
        // the whole scrape must parse; lint findings on Spring's and the JVM's own meters (help text, units) are theirs
        String all = promtool(Files.writeString(dir.resolve("scrape.txt"), metrics));
        assertThat(all).as("promtool on the whole scrape").doesNotContainIgnoringCase("error");
        // the hub's own families must pass every check
        String hubOnly = metrics.lines().filter(l -> l.startsWith("hub_") || l.startsWith("# HELP hub_")
                || l.startsWith("# TYPE hub_")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        assertThat(promtool(Files.writeString(dir.resolve("hub.txt"), hubOnly))).as("promtool on hub_*").isEqualTo("OK");
    }

    /** Runs {@code promtool check metrics} on a file: "OK" when it exits 0, else its report. */
    private static String promtool(Path file) throws Exception {
        Process check = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return check.exitValue() == 0 ? "OK" : report;
    }

    private static boolean promtool() {
        try {
            return new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
