package vn.lgsp.hub.routes.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** Sync calls that reach the provider: what the provider receives and what the consumer gets back. */
class SyncCallFlowTest extends HubTestSupport {

    private static final String CITIZEN = "/api/v1/services/NDXP/citizen-lookup";

    private static byte[] sample(String name) throws IOException {
        try (var in = SyncCallFlowTest.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        }
    }

    private static HttpRequest.Builder call(String path, String token) {
        return HttpRequest.newBuilder(hub(path)).header("Authorization", "Bearer " + token);
    }

    @Test
    void forwardsACitizenLookupAndAuditsIt() throws IOException {
        byte[] request = sample("citizen-lookup.request.json");
        byte[] answer = sample("citizen-lookup.response.json");
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-Provider-Trace", "abc").withHeader("Set-Cookie", "session=1").withBody(answer)));

        HttpResponse<byte[]> response = send(call(CITIZEN, consumerToken())
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-tthc-0001")
                .header("X-Purpose", "TTHC")
                .header("X-Hub-Consumer", "000.00.99.H99")
                .header("X-Forwarded-For", "10.9.9.9")
                .header("Cookie", "consumer=secret")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(answer);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("Hoàng Hoa Thám");
        String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        assertThat(exchangeId).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-tthc-0001");
        assertThat(response.headers().firstValue("X-Provider-Trace")).hasValue("abc");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();

        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/apiCSDLDanCu/1.0/traCuu"))
                .withRequestBody(binaryEqualTo(request))
                .withHeader("X-Hub-Consumer", equalTo(TestCatalog.CONSUMER))
                .withHeader("X-Hub-Exchange-Id", equalTo(exchangeId))
                .withHeader("X-Hub-Message-Id", equalTo(exchangeId))
                .withHeader("X-Request-Id", equalTo("req-tthc-0001"))
                .withHeader("X-Purpose", equalTo("TTHC"))
                .withHeader("traceparent", equalTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .withHeader("Authorization", absent())
                .withHeader("Cookie", absent())
                .withHeader("X-Forwarded-For", absent()));

        List<AuditRecord> audit = auditOf(response);
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("CALL");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.consumer()).isEqualTo(TestCatalog.CONSUMER);
            assertThat(r.provider()).isEqualTo("NDXP");
            assertThat(r.service()).isEqualTo("citizen-lookup");
            assertThat(r.requestId()).isEqualTo("req-tthc-0001");
            assertThat(r.requestBytes()).isEqualTo(request.length);
            assertThat(r.responseBytes()).isEqualTo(answer.length);
            assertThat(r.requestSha256()).isEqualTo(Secrets.sha256Hex(request));
            assertThat(r.responseSha256()).isEqualTo(Secrets.sha256Hex(answer));
        });
    }

    @Test
    void acceptsAnApiKeyInsteadOfAToken() {
        PROVIDER.stubFor(get(urlPathEqualTo("/api/doanh-nghiep/3599001234")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(
                        hub("/api/v1/services/000.00.32.H99/business-lookup/3599001234"))
                .header("X-API-Key", TestCatalog.CONSUMER_API_KEY).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        PROVIDER.verify(1, getRequestedFor(urlEqualTo("/api/doanh-nghiep/3599001234"))
                .withHeader("X-API-Key", absent()));
    }

    @Test
    void passesSubPathQueryAndMethodThroughAndReturnsTheProvidersStatus() {
        PROVIDER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withHeader("X-Reason", "missing")
                .withBody("{\"message\":\"Không tìm thấy\"}")));
        HttpResponse<byte[]> response = send(call("/api/v1/services/000.00.32.H99/business-lookup/a/b?ma=%C4%91&x=1",
                consumerToken()).DELETE().build());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Reason")).hasValue("missing");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Không tìm thấy\"}");
        PROVIDER.verify(1, anyRequestedFor(urlEqualTo("/api/doanh-nghiep/a/b?ma=%C4%91&x=1"))
                .withHeader("X-Hub-Consumer", equalTo(TestCatalog.CONSUMER)));
        assertThat(PROVIDER.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getMethod().getName()).isEqualTo("DELETE"));
        assertThat(auditOf(response)).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("CALL");
            assertThat(r.status()).isEqualTo(404);
        });
    }

    @Test
    void servesTheSameServiceAtItsPublishedPath() {
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"error_code\":0}")));
        HttpResponse<byte[]> response = send(call("/apiCSDLDanCu/1.0/traCuu", consumerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R1\"}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/apiCSDLDanCu/1.0/traCuu")));
        assertThat(auditOf(response)).singleElement().satisfies(r -> assertThat(r.service()).isEqualTo("citizen-lookup"));
    }

    @Test
    void keepsVietnameseTextByteForByte() {
        String body = "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R2\",\"HoVaTen\":\"Nguyễn Thị Mai — Đắk Lắk\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(bytes)));
        HttpResponse<byte[]> response = send(call(CITIZEN, consumerToken())
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(response.body()).isEqualTo(bytes);
        PROVIDER.verify(postRequestedFor(urlEqualTo("/apiCSDLDanCu/1.0/traCuu")).withRequestBody(binaryEqualTo(bytes)));
    }

    @Test
    void replacesAnUnsafeRequestId() {
        PROVIDER.stubFor(post("/slow").willReturn(aResponse().withStatus(204)));
        HttpResponse<byte[]> response = send(call("/api/v1/services/NDXP/slow-lookup", consumerToken())
                .header("X-Request-Id", "bad id with spaces").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(204);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).isNotEqualTo("bad id with spaces");
        PROVIDER.verify(postRequestedFor(urlEqualTo("/slow")).withHeader("X-Request-Id", matching(requestId)));
    }

    @Test
    void answersProviderTimeoutWith504() {
        PROVIDER.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        HttpResponse<byte[]> response = send(call("/api/v1/services/NDXP/slow-lookup", consumerToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).path("code").asText()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(auditOf(response)).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("CALL");
            assertThat(r.code()).isEqualTo("PROVIDER_TIMEOUT");
            assertThat(r.status()).isEqualTo(504);
        });
    }

    @Test
    void answersConnectionRefusedWith502() {
        HttpResponse<byte[]> response = send(call("/api/v1/services/NDXP/dead-lookup", consumerToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("code").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(auditOf(response)).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo("PROVIDER_UNAVAILABLE"));
    }
}
