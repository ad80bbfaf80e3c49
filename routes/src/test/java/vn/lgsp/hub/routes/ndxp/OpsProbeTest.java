package vn.lgsp.hub.routes.ndxp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** {@code POST /ops/v1/services/{provider}/{service}:probe}. */
class OpsProbeTest extends NdxpTestSupport {

    HttpResponse<byte[]> probe(String service, String user, String password) {
        return HubTestSupport.send(HttpRequest.newBuilder(ops("/ops/v1/services/" + service + ":probe"))
                .header("Authorization", basic(user, password))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<byte[]> probe(String service) {
        return probe(service, TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
    }

    @Test
    void anNdxpProbeGetsAFreshTokenThenReachesTheNationalPathAndIsAudited() {
        NDXP.stubFor(head(urlEqualTo(CITIZEN_PATH)).withHeader("Authorization", equalTo("Bearer " + NDXP_TOKEN))
                .willReturn(aResponse().withStatus(405)));

        HttpResponse<byte[]> response = probe("NDXP/citizen-lookup");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = HubTestSupport.json(response);
        assertThat(report.path("outcome").asText()).isEqualTo("OK");
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(report.path("status").asInt()).isEqualTo(405);
        assertThat(report.path("connectorType").asText()).isEqualTo("ndxp");
        assertThat(report.path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        NDXP.verify(1, postRequestedFor(urlEqualTo("/token")));
        assertThat(auditStore.find(new AuditQuery(report.path("exchangeId").asText(), null, null, null, null, 10)))
                .singleElement().satisfies(r -> {
                    assertThat(r.kind().name()).isEqualTo("OPS");
                    assertThat(r.code()).isEqualTo("PROBE");
                    assertThat(r.consumer()).isEqualTo(TestCatalog.OPERATOR);
                    assertThat(r.provider()).isEqualTo("NDXP");
                    assertThat(r.service()).isEqualTo("citizen-lookup");
                    assertThat(r.detail()).contains("OK");
                });
    }

    @Test
    void refusedNdxpCredentialsAreReported() {
        NDXP.resetAll();
        NDXP.stubFor(post("/token").willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\"}")));
        JsonNode report = HubTestSupport.json(probe("NDXP/citizen-lookup"));
        assertThat(report.path("outcome").asText()).isEqualTo("CREDENTIALS_REJECTED");
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("detail").asText()).contains("invalid_client").doesNotContain(CONSUMER_SECRET);
    }

    @Test
    void aRestProbeSendsHeadEvenToAPostServiceAndReportsADownProvider() {
        PROVINCIAL.stubFor(head(urlEqualTo("/hoTich/traCuu")).willReturn(aResponse().withStatus(200)));
        JsonNode up = HubTestSupport.json(probe(PROVINCE + "/civil-status-lookup"));
        assertThat(up.path("outcome").asText()).isEqualTo("OK");
        assertThat(up.path("connectorType").asText()).isEqualTo("rest");
        PROVINCIAL.verify(0, postRequestedFor(urlEqualTo("/hoTich/traCuu")));

        JsonNode down = HubTestSupport.json(probe(PROVINCE + "/down-lookup"));
        assertThat(down.path("outcome").asText()).isEqualTo("UNAVAILABLE");
        assertThat(down.path("detail").asText()).contains("connection refused");
        assertThat(down.has("status")).isFalse();
    }

    @Test
    void onlyOperatorsProbeAndUnknownServicesAre404() {
        assertThat(probe("NDXP/citizen-lookup", TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> unknown = probe("NDXP/khong-co");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(HubTestSupport.json(unknown).path("code").asText()).isEqualTo("SERVICE_NOT_FOUND");
    }
}
