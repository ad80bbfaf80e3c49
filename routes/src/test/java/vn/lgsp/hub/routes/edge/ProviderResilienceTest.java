package vn.lgsp.hub.routes.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.resilience.ProviderGuards;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Per-provider resilience: a provider that hangs (never answers; the services allow it 90 s) fills only its own bulkhead (other services answer as usual),
 * the hub's deadline answers 504, the circuit breaker opens on failures and answers 503 CIRCUIT_OPEN
 * without calling the provider, lets a probe through after open-for and closes again; an open circuit of a
 * subscription keeps its messages queued without spending attempts.
 */
class ProviderResilienceTest extends EdgeTestSupport {

    private static final String BODY = "{\"maHoSo\":\"HS-001\",\"ghiChu\":\"Hồ sơ đăng ký khai sinh\"}";
    private static final HttpClient ASYNC = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private ProviderGuards guards;
    @Autowired
    private CatalogHolder catalogs;

    @BeforeEach
    void stubs() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlPathEqualTo("/steady")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ketQua\":\"Đã tiếp nhận\"}")));
    }

    @AfterAll
    static void releaseHangingCalls() {
        HANGING.close(); // resets the connections the hub still waits on
    }

    private ServiceDefinition service(String code) {
        return catalogs.current().service(EDGE_PROVIDER, code).orElseThrow();
    }

    private static String path(String code) {
        return "/api/v1/services/" + EDGE_PROVIDER + "/" + code;
    }

    @Test
    void aHangingProviderFillsOnlyItsOwnBulkhead() throws Exception {
        String token = token(EDGE_CLIENT, EDGE_SECRET);
        List<CompletableFuture<HttpResponse<byte[]>>> hanging = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            hanging.add(ASYNC.sendAsync(postJson(path("hanging-lookup"), token, BODY).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> guards.forService(service("hanging-lookup")).inFlight() == 2);
        int connectionsBefore = HANGING.accepted();

        long start = System.nanoTime();
        HttpResponse<byte[]> third = send(postJson(path("hanging-lookup"), token, BODY).build());
        long refusedMs = (System.nanoTime() - start) / 1_000_000;
        JsonNode problem = assertRejected(third, 503, "PROVIDER_BUSY");
        assertThat(problem.path("detail").asText()).contains("max-concurrent");
        assertThat(refusedMs).as("refused without waiting for the hanging provider").isLessThan(10_000);

        // meanwhile the other services of the hub answer normally, many at once
        List<CompletableFuture<HttpResponse<byte[]>>> steady = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steady.add(ASYNC.sendAsync(postJson(path("steady-lookup"), token, BODY).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> f : steady) {
            HttpResponse<byte[]> response = f.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("ketQua").asText()).isEqualTo("Đã tiếp nhận");
        }
        assertThat(hanging).noneMatch(CompletableFuture::isDone);
        assertThat(HANGING.accepted()).as("the third call never reached the provider").isEqualTo(connectionsBefore);
        assertThat(guards.forService(service("steady-lookup")).inFlight()).isZero();
    }

    @Test
    void theHubsDeadlineAnswers504() {
        String token = token(EDGE_CLIENT, EDGE_SECRET);
        HttpResponse<byte[]> response = send(postJson(path("deadline-lookup"), token, BODY).build());
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).path("code").asText()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(json(response).path("detail").asText()).contains("resilience.timeout");
        assertThat(guards.forService(service("deadline-lookup")).inFlight()).isZero();
    }

    @Test
    void theCircuitOpensOnFailuresAnswersFastAndClosesAfterAProbe() {
        String token = token(EDGE_CLIENT, EDGE_SECRET);
        PROVIDER.stubFor(post(urlPathEqualTo("/flaky")).willReturn(aResponse().withStatus(503).withBody("bận")));
        for (int i = 0; i < 4; i++) {
            assertThat(send(postJson(path("flaky-lookup"), token, BODY).build()).statusCode()).isEqualTo(503);
        }
        assertThat(guards.forService(service("flaky-lookup")).circuitState()).isEqualTo("OPEN");

        HttpResponse<byte[]> refused = send(postJson(path("flaky-lookup"), token, BODY).build());
        assertRejected(refused, 503, "CIRCUIT_OPEN");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        PROVIDER.verify(4, postRequestedFor(urlPathEqualTo("/flaky")));
        assertThat(providersHealth().path("details").path("circuits")
                .path("service:" + EDGE_PROVIDER + "/flaky-lookup").asText()).isEqualTo("OPEN");
        JsonNode services = json(send(HttpRequest.newBuilder(ops("/ops/v1/services"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestCatalog.OPERATOR + ":" + TestCatalog.OPERATOR_PASSWORD).getBytes())).GET().build()));
        assertThat(services.findParents("service").stream().filter(s -> s.path("service").asText().equals("flaky-lookup"))
                .map(s -> s.path("circuit").asText()).toList()).containsExactly("OPEN");

        PROVIDER.stubFor(post(urlPathEqualTo("/flaky")).willReturn(aResponse().withStatus(200).withBody("{}")));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> send(postJson(path("flaky-lookup"), token, BODY).build()).statusCode() == 200);
        assertThat(guards.forService(service("flaky-lookup")).circuitState()).isEqualTo("CLOSED");
    }

    @Test
    void anOpenSubscriptionCircuitKeepsMessagesQueuedWithoutSpendingAttempts() {
        SUBSCRIBER.resetAll();
        SUBSCRIBER.stubFor(post(urlPathEqualTo("/inbox")).inScenario("recovers").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed-once"));
        SUBSCRIBER.stubFor(post(urlPathEqualTo("/inbox")).inScenario("recovers").whenScenarioStateIs("failed-once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        SUBSCRIBER.stubFor(post(urlPathEqualTo("/inbox")).inScenario("recovers").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String publisher = token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET);
        HttpResponse<byte[]> accepted = send(postJson("/api/v1/topics/000.00.32.H99/business-registered/records",
                publisher, """
                {"maDoanhNghiep":"0312345678","tenDoanhNghiep":"CÔNG TY TNHH THỦY SẢN BIỂN XANH","ngayDangKy":"2026-11-20",
                 "diaChiTruSo":{"maTinh":"99","maHuyen":"990","maXa":"99001","chiTiet":"Số 5 đường Trần Phú"}}
                """).build());
        assertThat(accepted.statusCode()).as(new String(accepted.body())).isEqualTo(202);
        String exchangeId = json(accepted).path("exchangeId").asText();

        // attempts 1 and 2 fail (503) and open the circuit; with max-attempts 3 and a 100 ms backoff the
        // message would be dead by now if the redeliveries during open-for spent attempts
        await().atMost(Duration.ofSeconds(30)).until(() -> received(exchangeId).size() == 3);
        List<LoggedRequest> requests = received(exchangeId);
        assertThat(requests).extracting(r -> r.getHeader("X-Hub-Attempt")).containsExactly("1", "2", "3");
        long pauseMs = requests.get(2).getLoggedDate().getTime() - requests.get(1).getLoggedDate().getTime();
        assertThat(pauseMs).as("no attempt while the circuit was open").isGreaterThanOrEqualTo(1_900);
        await().atMost(Duration.ofSeconds(10)).until(() -> guards.circuitStates()
                .get("subscription:" + EDGE_PROVIDER + ">000.00.32.H99/business-registered").equals("CLOSED"));
    }

    private static List<LoggedRequest> received(String exchangeId) {
        return SUBSCRIBER.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> exchangeId.equals(r.getHeader("X-Hub-Exchange-Id")))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }

    private JsonNode providersHealth() {
        return json(send(HttpRequest.newBuilder(ops("/actuator/health/providers"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestCatalog.OPERATOR + ":" + TestCatalog.OPERATOR_PASSWORD).getBytes()))
                .GET().build()));
    }
}
