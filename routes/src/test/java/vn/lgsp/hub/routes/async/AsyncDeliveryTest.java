package vn.lgsp.hub.routes.async;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Fan-out on the real (embedded) Artemis broker to three subscribers: one healthy, one failing for a while,
 * one down until an operator replays its dead letters; plus a filtered subscriber and a 4xx subscriber.
 */
class AsyncDeliveryTest extends AsyncTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void fansOutRetriesDeadLettersAndReplays() {
        SUBSCRIBER_FLAKY.resetAll();
        SUBSCRIBER_FLAKY.stubFor(post(urlPathMatching("/inbox")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed-once"));
        SUBSCRIBER_FLAKY.stubFor(post(urlPathMatching("/inbox")).inScenario("flaky")
                .whenScenarioStateIs("failed-once").willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        SUBSCRIBER_FLAKY.stubFor(post(urlPathMatching("/inbox")).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(200)));
        String body = record("3599001234", "990");
        String exchangeId = publishOne(body);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(state(exchangeId, TestCatalog.SUB_OK)).isEqualTo("DELIVERED");
            assertThat(state(exchangeId, TestCatalog.SUB_FLAKY)).isEqualTo("DELIVERED");
            assertThat(state(exchangeId, TestCatalog.SUB_DOWN)).isEqualTo("DEAD");
        });
        assertThat(state(exchangeId, TestCatalog.SUB_FILTERED)).as("filtered out: no delivery").isEqualTo("NONE");

        List<LoggedRequest> ok = received(SUBSCRIBER_OK, exchangeId);
        assertThat(ok).singleElement().satisfies(r -> {
            assertThat(r.getBody()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.getHeader("X-Hub-Publisher")).isEqualTo(TestCatalog.PUBLISHER);
            assertThat(r.getHeader("X-Hub-Message-Id")).isNotBlank();
        });
        List<LoggedRequest> flaky = received(SUBSCRIBER_FLAKY, exchangeId);
        assertThat(flaky).hasSize(3);
        assertThat(flaky.stream().map(r -> r.getHeader("X-Hub-Message-Id")).distinct()).hasSize(1);
        assertThat(delivery(exchangeId, TestCatalog.SUB_FLAKY).path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery(exchangeId, TestCatalog.SUB_DOWN).path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery(exchangeId, TestCatalog.SUB_DOWN).path("lastError").asText()).contains("gave up after 3");

        List<AuditRecord> audit = auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 20));
        assertThat(audit).filteredOn(r -> r.kind().name().equals("PUBLISH")).hasSize(1);
        assertThat(audit).filteredOn(r -> r.kind().name().equals("DELIVERY")).extracting(AuditRecord::subscriber)
                .containsExactlyInAnyOrder(TestCatalog.SUB_OK, TestCatalog.SUB_FLAKY, TestCatalog.SUB_DOWN);
        assertThat(audit).filteredOn(r -> TestCatalog.SUB_DOWN.equals(r.subscriber()))
                .singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(DeliverySteps.DEAD_CODE));

        String messageId = delivery(exchangeId, TestCatalog.SUB_DOWN).path("messageId").asText();
        HttpResponse<byte[]> list = opsGet("/ops/v1/dead-letters?subscriber=" + TestCatalog.SUB_DOWN);
        assertThat(new String(list.body(), StandardCharsets.UTF_8)).contains(messageId);
        HttpResponse<byte[]> inspect = opsGet("/ops/v1/dead-letters/" + messageId);
        assertThat(inspect.statusCode()).isEqualTo(200);
        assertThat(json(inspect).path("body").asText()).isEqualTo(body);
        assertThat(json(inspect).path("properties").path("lgsp_last_error").asText()).contains("gave up");

        WireMockServer revived = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .port(SUBSCRIBER_DOWN_PORT));
        revived.start();
        try {
            revived.stubFor(post(urlPathMatching("/inbox")).willReturn(aResponse().withStatus(200)));
            assertThat(opsPost("/ops/v1/dead-letters/" + messageId + ":replay").statusCode()).isEqualTo(200);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(state(exchangeId, TestCatalog.SUB_DOWN)).isEqualTo("DELIVERED"));
            assertThat(received(revived, exchangeId)).singleElement()
                    .satisfies(r -> assertThat(r.getHeader("X-Hub-Message-Id")).isEqualTo(messageId));
            assertThat(delivery(exchangeId, TestCatalog.SUB_DOWN).path("attempts").asInt())
                    .as("fresh attempt budget").isEqualTo(1);
            assertThat(auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 20)))
                    .anySatisfy(r -> {
                        assertThat(r.kind().name()).isEqualTo("OPS");
                        assertThat(r.code()).isEqualTo("REPLAY");
                        assertThat(r.consumer()).isEqualTo(TestCatalog.OPERATOR);
                    });
            assertThat(opsPost("/ops/v1/dead-letters/" + messageId + ":replay").statusCode())
                    .as("no longer dead").isEqualTo(409);
        } finally {
            revived.stop();
        }
    }

    @Test
    void filterSelectsRecordsOfItsDistrict() {
        String exchangeId = publishOne(record("3599001235", "991"));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(state(exchangeId, TestCatalog.SUB_FILTERED)).isEqualTo("DELIVERED"));
        assertThat(SUBSCRIBER_OK.getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().equals("/inbox-filtered")
                && exchangeId.equals(e.getRequest().getHeader("X-Hub-Exchange-Id"))).hasSize(1);
    }

    @Test
    void aRefusingSubscriberIsDeadAtOnceWithTheReasonKept() {
        SUBSCRIBER_OK.stubFor(post(urlPathMatching("/inbox")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"4000000001\""))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad\"}")));
        String exchangeId = publishOne(record("4000000001", "990"));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(state(exchangeId, TestCatalog.SUB_OK)).isEqualTo("DEAD"));
        assertThat(delivery(exchangeId, TestCatalog.SUB_OK).path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery(exchangeId, TestCatalog.SUB_OK).path("lastError").asText()).contains("HTTP 400");
        assertThat(received(SUBSCRIBER_OK, exchangeId)).hasSize(1);

        String messageId = delivery(exchangeId, TestCatalog.SUB_OK).path("messageId").asText();
        assertThat(opsPost("/ops/v1/dead-letters/" + messageId + ":discard").statusCode()).isEqualTo(200);
        assertThat(state(exchangeId, TestCatalog.SUB_OK)).isEqualTo("DISCARDED");
        assertThat(opsGet("/ops/v1/dead-letters/" + messageId).statusCode()).isEqualTo(409);
    }

    @Test
    void bulkReplayBringsBackEveryMatchingDeadLetter() {
        String first = publishOne(record("3599007001", "990"));
        String second = publishOne(record("3599007002", "990"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(state(first, TestCatalog.SUB_DOWN)).isEqualTo("DEAD");
            assertThat(state(second, TestCatalog.SUB_DOWN)).isEqualTo("DEAD");
        });
        WireMockServer revived = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .port(SUBSCRIBER_DOWN_PORT));
        revived.start();
        try {
            revived.stubFor(post(urlPathMatching("/inbox")).willReturn(aResponse().withStatus(200)));
            HttpResponse<byte[]> result = opsPost("/ops/v1/dead-letters:replay?subscriber=" + TestCatalog.SUB_DOWN);
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(json(result).path("replayed").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(json(result).path("failed")).isEmpty();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(state(first, TestCatalog.SUB_DOWN)).isEqualTo("DELIVERED");
                assertThat(state(second, TestCatalog.SUB_DOWN)).isEqualTo("DELIVERED");
            });
            assertThat(received(revived, first)).hasSize(1);
            assertThat(received(revived, second)).hasSize(1);
        } finally {
            revived.stop();
        }
    }
}
