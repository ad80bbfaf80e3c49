package vn.lgsp.hub.routes.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** {@code GET /ops/v1/audit} on the operator port: search, keyset pages, filters, errors and who may read it. */
class OpsAuditApiTest extends HubTestSupport {

    private static final String CITIZEN = "/api/v1/services/NDXP/citizen-lookup";
    private static final String VALID = "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R1\"}";

    private HttpResponse<byte[]> citizenCall(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub(CITIZEN)).header("Content-Type", "application/json")
                .header("X-Purpose", "TTHC").POST(HttpRequest.BodyPublishers.ofString(VALID));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<byte[]> successfulCall() {
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody("{\"error_code\":0}")));
        HttpResponse<byte[]> response = citizenCall("Bearer " + consumerToken());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private HttpResponse<byte[]> rejectedCall() {
        HttpResponse<byte[]> response = citizenCall(null);
        assertThat(response.statusCode()).isEqualTo(401);
        return response;
    }

    private HttpResponse<byte[]> invalidCall() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(hub(CITIZEN))
                .header("Authorization", "Bearer " + consumerToken()).header("Content-Type", "application/json")
                .header("X-Purpose", "TTHC")
                .POST(HttpRequest.BodyPublishers.ofString("{\"SoDinhDanh\":\"12AB\",\"MaYeuCau\":\"R1\"}")).build());
        assertThat(response.statusCode()).isEqualTo(422);
        return response;
    }

    private static String exchangeId(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
    }

    private HttpResponse<byte[]> getOps(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ops(pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private JsonNode readAudit(String query) {
        HttpResponse<byte[]> response = getOps("/ops/v1/audit" + query,
                basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        return json(response);
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private static List<Long> ids(JsonNode page) {
        return items(page).stream().map(r -> r.path("id").asLong()).toList();
    }

    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("Exception", "\tat ");
        return problem;
    }

    @Test
    void operatorFindsTheRecordOfACallByExchangeId() {
        HttpResponse<byte[]> call = successfulCall();

        JsonNode page = readAudit("?exchangeId=" + exchangeId(call));

        assertThat(items(page)).singleElement().satisfies(r -> {
            assertThat(r.path("kind").asText()).isEqualTo("CALL");
            assertThat(r.path("exchangeId").asText()).isEqualTo(exchangeId(call));
            assertThat(r.path("consumer").asText()).isEqualTo(TestCatalog.CONSUMER);
            assertThat(r.path("provider").asText()).isEqualTo("NDXP");
            assertThat(r.path("service").asText()).isEqualTo("citizen-lookup");
            assertThat(r.path("status").asInt()).isEqualTo(200);
            assertThat(r.path("id").asLong()).isPositive();
            assertThat(r.path("time").asText()).isNotBlank();
        });
        assertThat(page.has("next")).as("no next page after a short page").isFalse();
    }

    @Test
    void pagesAreNewestFirstAndDisjointWithKeysetPagination() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(exchangeId(i % 2 == 0 ? successfulCall() : invalidCall()));
        }
        // Only this consumer's records: deliveries of other tests' records may be audited meanwhile.
        String mine = "?consumer=" + TestCatalog.CONSUMER + "&limit=2";

        JsonNode first = readAudit(mine);
        assertThat(ids(first)).hasSize(2).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(items(first).get(0).path("exchangeId").asText()).isEqualTo(made.get(4));
        assertThat(items(first).get(1).path("exchangeId").asText()).isEqualTo(made.get(3));
        assertThat(first.path("next").asLong()).isEqualTo(ids(first).get(1));

        JsonNode second = readAudit(mine + "&before=" + first.path("next").asLong());
        assertThat(ids(second)).hasSize(2).isSortedAccordingTo((a, b) -> Long.compare(b, a))
                .doesNotContainAnyElementsOf(ids(first))
                .allSatisfy(id -> assertThat(id).isLessThan(ids(first).get(1)));
        assertThat(items(second).stream().map(r -> r.path("exchangeId").asText()))
                .containsExactly(made.get(2), made.get(1));
        assertThat(second.path("next").asLong()).isEqualTo(ids(second).get(1));

        JsonNode third = readAudit(mine + "&before=" + second.path("next").asLong());
        assertThat(ids(third)).doesNotContainAnyElementsOf(ids(first)).doesNotContainAnyElementsOf(ids(second));
        assertThat(items(third).get(0).path("exchangeId").asText()).isEqualTo(made.get(0));
    }

    @Test
    void filtersByKind() {
        String rejected = exchangeId(rejectedCall());
        String called = exchangeId(successfulCall());

        List<JsonNode> rejects = items(readAudit("?kind=REJECT&limit=1000"));
        assertThat(rejects).isNotEmpty().allSatisfy(r -> assertThat(r.path("kind").asText()).isEqualTo("REJECT"));
        assertThat(rejects).anySatisfy(r -> {
            assertThat(r.path("exchangeId").asText()).isEqualTo(rejected);
            assertThat(r.path("code").asText()).isEqualTo("AUTH_REQUIRED");
            assertThat(r.path("status").asInt()).isEqualTo(401);
        });
        assertThat(rejects).noneSatisfy(r -> assertThat(r.path("exchangeId").asText()).isEqualTo(called));
        assertThat(items(readAudit("?kind=call&exchangeId=" + called))).hasSize(1);
    }

    @Test
    void refusesALimitOutOfRange() {
        String operator = basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
        assertThat(assertProblem(getOps("/ops/v1/audit?limit=0", operator), 400, "INVALID_REQUEST")
                .path("detail").asText()).contains("limit");
        assertThat(assertProblem(getOps("/ops/v1/audit?limit=5000", operator), 400, "INVALID_REQUEST")
                .path("detail").asText()).contains("limit");
        assertProblem(getOps("/ops/v1/audit?limit=ten", operator), 400, "INVALID_REQUEST");
        assertProblem(getOps("/ops/v1/audit?before=x", operator), 400, "INVALID_REQUEST");
    }

    @Test
    void refusesAnUnknownKind() {
        JsonNode problem = assertProblem(getOps("/ops/v1/audit?kind=NOPE",
                basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD)), 400, "INVALID_REQUEST");
        assertThat(problem.path("detail").asText()).contains("kind").contains("REJECT");
    }

    @Test
    void requiresOperatorCredentials() {
        HttpResponse<byte[]> response = getOps("/ops/v1/audit", null);
        assertProblem(response, 401, "AUTH_REQUIRED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
    }

    @Test
    void refusesAWrongPassword() {
        HttpResponse<byte[]> response = getOps("/ops/v1/audit", basic(TestCatalog.OPERATOR, "wrong-password"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(json(response).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void letsTheAuditorRoleRead() {
        String exchangeId = exchangeId(successfulCall());
        HttpResponse<byte[]> response = getOps("/ops/v1/audit?exchangeId=" + exchangeId,
                basic(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(items(json(response))).singleElement()
                .satisfies(r -> assertThat(r.path("exchangeId").asText()).isEqualTo(exchangeId));
    }

    @Test
    void refusesADepartmentClientsCredentials() {
        HttpResponse<byte[]> response = getOps("/ops/v1/audit",
                basic(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
    }

    @Test
    void refusesADepartmentBearerToken() {
        assertProblem(getOps("/ops/v1/audit", "Bearer " + consumerToken()), 401, "AUTH_INVALID");
    }

    @Test
    void leavesHealthOpenForLoadBalancers() {
        HttpResponse<byte[]> response = getOps("/actuator/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
        assertThat(getOps("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(getOps("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }
}
