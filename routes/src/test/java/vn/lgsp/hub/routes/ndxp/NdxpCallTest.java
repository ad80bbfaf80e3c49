package vn.lgsp.hub.routes.ndxp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** Department calls to NDXP services through the ndxp connector, end to end. */
@ExtendWith(OutputCaptureExtension.class)
class NdxpCallTest extends NdxpTestSupport {

    static final String REQUEST = "{\"SoDinhDanh\":\"001099000001\",\"HoVaTen\":\"Nguyễn Văn An\"}";

    HttpResponse<byte[]> call(String service, String body) {
        return HubTestSupport.send(HttpRequest.newBuilder(hub("/api/v1/services/NDXP/" + service))
                .header("Authorization", "Bearer " + consumerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    List<AuditRecord> audit(HttpResponse<byte[]> response) {
        return auditStore.find(new AuditQuery(response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow(),
                null, null, null, null, 10));
    }

    @Test
    void aConsumerCallReachesTheNationalApiWithTheHubsBearerToken() {
        NDXP.stubFor(post(CITIZEN_PATH).withHeader("Authorization", equalTo("Bearer " + NDXP_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"HoVaTen\":\"Nguyễn Văn An\",\"NoiThuongTru\":\"Phường 1\"}")));

        HttpResponse<byte[]> response = call("citizen-lookup", REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("Nguyễn Văn An", "Phường 1");
        NDXP.verify(1, postRequestedFor(urlEqualTo(CITIZEN_PATH))
                .withHeader("X-Hub-Consumer", equalTo(TestCatalog.CONSUMER))
                .withRequestBody(equalTo(REQUEST)));
        assertThat(audit(response)).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("CALL");
            assertThat(r.provider()).isEqualTo("NDXP");
            assertThat(r.status()).isEqualTo(200);
        });
    }

    @Test
    void aNationalErrorIsAnsweredAsAProblemWithTheNationalCode() throws Exception {
        byte[] sample;
        try (var in = getClass().getResourceAsStream("/samples/ndxp-error.json")) {
            sample = in.readAllBytes();
        }
        NDXP.stubFor(post(CITIZEN_PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(sample)));

        HttpResponse<byte[]> response = call("citizen-lookup", REQUEST);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = HubTestSupport.json(response);
        assertThat(problem.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(problem.path("nationalCode").asText()).isEqualTo("201");
        assertThat(problem.path("nationalMessage").asText()).isEqualTo("RECORD_NOT_FOUND: Không tìm thấy thông tin công dân");
        assertThat(problem.path("exchangeId").asText()).isEqualTo(response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow());
        assertThat(audit(response)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(404));
    }

    @Test
    void aGetWithQueryReachesTheVersionedNationalPath() {
        NDXP.stubFor(get(urlEqualTo("/apiCSDLDKDN/1.0/doanhNghiep?maSoThue=0312345678"))
                .willReturn(aResponse().withBody("{\"tenDoanhNghiep\":\"Công ty TNHH Long Sơn\"}")));
        HttpResponse<byte[]> response = HubTestSupport.send(HttpRequest.newBuilder(
                        hub("/api/v1/services/NDXP/business-lookup?maSoThue=0312345678"))
                .header("Authorization", "Bearer " + consumerToken()).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("Công ty TNHH Long Sơn");
        NDXP.verify(1, getRequestedFor(urlEqualTo("/apiCSDLDKDN/1.0/doanhNghiep?maSoThue=0312345678"))
                .withHeader("Authorization", equalTo("Bearer " + NDXP_TOKEN)));
    }

    @Test
    void tokenEndpointDownIs502WithAClearDetailAndNoSecretInTheLog(CapturedOutput output) {
        NDXP.stubFor(post(CITIZEN_PATH).willReturn(aResponse().withBody("{}")));
        call("citizen-lookup", REQUEST); // a successful call first: the token exists in this JVM

        HttpResponse<byte[]> response = call("token-down-lookup", REQUEST);

        JsonNode problem = HubTestSupport.json(response);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(problem.path("code").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(problem.path("detail").asText()).isEqualTo("NDXP/token-down-lookup: NDXP token endpoint 127.0.0.1:"
                + DEAD_PORT + " is unreachable: connection refused to 127.0.0.1:" + DEAD_PORT);
        assertThat(audit(response)).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo("PROVIDER_UNAVAILABLE"));
        String log = output.getAll();
        assertThat(log).doesNotContain(CONSUMER_SECRET, BASIC.substring(6), NDXP_TOKEN);
    }

    @Test
    void aSlowNationalApiIs504() {
        NDXP.stubFor(post("/apiCSDLDanCu/1.0/cham").willReturn(aResponse().withFixedDelay(1500).withBody("{}")));
        HttpResponse<byte[]> response = call("slow-lookup", REQUEST);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(HubTestSupport.json(response).path("code").asText()).isEqualTo("PROVIDER_TIMEOUT");
    }
}
