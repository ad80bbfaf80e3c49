package vn.lgsp.hub.routes.async;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Operator route control on the shared test hub: a suspended service answers 503 SUSPENDED without reaching
 * its provider, a suspended subscription holds its queue and drains on resume, maintenance mode fails
 * readiness, and the statistics count the calls. Every test resumes what it suspended.
 */
class RouteControlTest extends AsyncTestSupport {

    private static final String CITIZEN = "/api/v1/services/NDXP/citizen-lookup";
    private static final String SUB_OK_ID = TestCatalog.SUB_OK + "%3E" + TestCatalog.PUBLISHER + "%3Ebusiness-registered";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    CamelContext camel;

    private static byte[] request() {
        try (var in = RouteControlTest.class.getResourceAsStream("/samples/citizen-lookup.request.json")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> call(String token) {
        return send(HttpRequest.newBuilder(hub(CITIZEN)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request())).build());
    }

    private JsonNode entry(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no entry with " + field + "=" + value + " in " + list);
    }

    private HttpResponse<byte[]> get(String path, String user, String password) {
        return send(HttpRequest.newBuilder(ops(path)).header("Authorization", basic(user, password)).GET().build());
    }

    @Test
    void suspendedServiceAnswers503WithoutForwardingAndStatsCountTheCalls() {
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        String token = consumerToken();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // a loaded machine may time a call out (504): count what the caller saw, as the statistics must
        int[] outcomes = new int[2];
        for (int i = 0; i < 2; i++) {
            outcomes[call(token).statusCode() == 200 ? 0 : 1]++;
        }
        try {
            HttpResponse<byte[]> suspended = opsPost("/ops/v1/services/NDXP/citizen-lookup:suspend");
            assertThat(suspended.statusCode()).isEqualTo(200);
            assertThat(json(suspended).path("state").asText()).isEqualTo("SUSPENDED");
            assertThat(json(suspended).path("connectorType").asText()).isEqualTo("rest");
            assertThat(json(suspended).path("providerName").asText()).isEqualTo("Nền tảng NDXP");
            PROVIDER.resetRequests();

            assertRejected(call(token), 503, "SUSPENDED");
            assertThat(PROVIDER.getAllServeEvents()).as("nothing forwarded").isEmpty();
            JsonNode listed = entry(json(get("/ops/v1/services", TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD)),
                    "service", "citizen-lookup");
            assertThat(listed.path("state").asText()).isEqualTo("SUSPENDED");
            assertThat(listed.path("provider").asText()).isEqualTo("NDXP");
            assertThat(auditStore.find(AuditQuery.builder().kind(AuditKind.OPS).service("citizen-lookup").build()))
                    .anySatisfy(r -> {
                        assertThat(r.code()).isEqualTo("SUSPEND");
                        assertThat(r.consumer()).isEqualTo(TestCatalog.OPERATOR);
                    });
            assertThat(send(HttpRequest.newBuilder(ops("/ops/v1/services/NDXP/citizen-lookup:resume"))
                    .header("Authorization", basic(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD))
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode())
                    .as("auditors read, only operators act").isEqualTo(403);
        } finally {
            assertThat(opsPost("/ops/v1/services/NDXP/citizen-lookup:resume").statusCode()).isEqualTo(200);
        }
        outcomes[call(token).statusCode() == 200 ? 0 : 1]++;
        assertThat(opsPost("/ops/v1/services/NDXP/no-such:suspend").statusCode()).isEqualTo(404);

        JsonNode stats = json(opsGet("/ops/v1/stats?from=" + start + "&service=NDXP/citizen-lookup"));
        assertThat(stats.path("from").asText()).isEqualTo(start.toString());
        JsonNode citizen = stats.path("services").get(0);
        assertThat(citizen.path("service").asText()).isEqualTo("citizen-lookup");
        assertThat(citizen.path("success").asLong()).isEqualTo(outcomes[0]);
        assertThat(citizen.path("failure").asLong()).as("with the SUSPENDED rejection").isEqualTo(outcomes[1] + 1);
        if (outcomes[0] > 0) {
            assertThat(citizen.path("minBytes").asLong()).isEqualTo(request().length + 11);   // + {"ok":true}
            assertThat(citizen.path("p95Ms").asLong()).isBetween(citizen.path("minMs").asLong(), citizen.path("maxMs").asLong());
        }
        assertThat(opsGet("/ops/v1/stats?from=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void suspendedSubscriptionHoldsItsQueueAndResumeDrainsIt() {
        String routeId = "delivery:" + TestCatalog.SUB_OK + ">" + TestCatalog.PUBLISHER + "/business-registered";
        java.util.concurrent.atomic.AtomicReference<String> published = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            HttpResponse<byte[]> suspended = opsPost("/ops/v1/subscriptions/" + SUB_OK_ID + ":suspend");
            assertThat(suspended.statusCode()).as(new String(suspended.body())).isEqualTo(200);
            assertThat(json(suspended).path("state").asText()).isEqualTo("SUSPENDED");
            assertThat(camel.getRouteController().getRouteStatus(routeId)).isEqualTo(ServiceStatus.Stopped);

            String exchangeId = publishOne(record("3599002001", "990"));
            published.set(exchangeId);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(state(exchangeId, TestCatalog.SUB_FLAKY)).isEqualTo("DELIVERED"));
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode sub = entry(json(opsGet("/ops/v1/subscriptions")), "subscriber", TestCatalog.SUB_OK);
                assertThat(sub.path("state").asText()).isEqualTo("SUSPENDED");
                assertThat(sub.path("backlog").asLong()).isEqualTo(1);
                assertThat(sub.path("oldestMessageAgeSeconds").isNumber()).isTrue();
            });
            assertThat(received(SUBSCRIBER_OK, exchangeId)).as("held while suspended").isEmpty();
            JsonNode health = json(get("/actuator/health/readiness", TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD));
            assertThat(health.path("components").path("subscriptions").path("details")
                    .path(TestCatalog.SUB_OK + ">" + TestCatalog.PUBLISHER + "/business-registered")
                    .path("backlog").asLong()).isEqualTo(1);
        } finally {
            // the catalog's form of the id works too: subscriber>publisher/topic
            HttpResponse<byte[]> resumed = opsPost("/ops/v1/subscriptions/" + TestCatalog.SUB_OK + "%3E"
                    + TestCatalog.PUBLISHER + "/business-registered:resume");
            assertThat(resumed.statusCode()).isEqualTo(200);
        }
        String exchangeId = published.get();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(state(exchangeId, TestCatalog.SUB_OK)).isEqualTo("DELIVERED"));
        assertThat(received(SUBSCRIBER_OK, exchangeId)).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode sub = entry(json(opsGet("/ops/v1/subscriptions")), "subscriber", TestCatalog.SUB_OK);
            assertThat(sub.path("state").asText()).isEqualTo("ACTIVE");
            assertThat(sub.path("backlog").asLong()).isZero();
            assertThat(sub.path("delivered").asLong()).isPositive();
        });
        assertThat(auditStore.find(AuditQuery.builder().kind(AuditKind.OPS).subscriber(TestCatalog.SUB_OK).build()))
                .extracting(r -> r.code()).contains("SUSPEND", "RESUME");
    }

    @Test
    void maintenanceModeFailsReadinessUntilTurnedOff() {
        assertThat(send(HttpRequest.newBuilder(ops("/actuator/health/readiness")).GET().build()).statusCode())
                .isEqualTo(200);
        try {
            HttpResponse<byte[]> on = send(HttpRequest.newBuilder(ops("/ops/v1/maintenance"))
                    .header("Authorization", basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")).build());
            assertThat(on.statusCode()).isEqualTo(200);
            assertThat(json(on).path("enabled").asBoolean()).isTrue();
            assertThat(json(on).path("by").asText()).isEqualTo(TestCatalog.OPERATOR);
            HttpResponse<byte[]> readiness = send(HttpRequest.newBuilder(ops("/actuator/health/readiness")).GET().build());
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(json(readiness).path("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(send(HttpRequest.newBuilder(ops("/actuator/health/liveness")).GET().build()).statusCode())
                    .as("liveness unaffected").isEqualTo(200);
            assertThat(json(get("/ops/v1/maintenance", TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD))
                    .path("enabled").asBoolean()).isTrue();
        } finally {
            send(HttpRequest.newBuilder(ops("/ops/v1/maintenance"))
                    .header("Authorization", basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")).build());
        }
        assertThat(send(HttpRequest.newBuilder(ops("/actuator/health/readiness")).GET().build()).statusCode())
                .isEqualTo(200);
        assertThat(auditStore.find(AuditQuery.builder().kind(AuditKind.OPS).code("MAINTENANCE_ON").build())).isNotEmpty();
    }
}
