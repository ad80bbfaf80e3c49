package vn.lgsp.hub.routes.ndxp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.routes.support.HubTestSupport;

/** National agencies calling provincial services through the hub as participant NDXP. */
class NdxpInboundTest extends NdxpTestSupport {

    static final String BODY = "{\"soDinhDanh\":\"001099000002\",\"hoTen\":\"Phạm Thị Dung\"}";

    HttpResponse<byte[]> callAsNdxp(String service) {
        return HubTestSupport.send(HttpRequest.newBuilder(hub("/api/v1/services/" + PROVINCE + "/" + service))
                .header("Authorization", "Bearer " + token(NDXP_CLIENT, NDXP_CLIENT_SECRET))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8)).build());
    }

    List<AuditRecord> audit(HttpResponse<byte[]> response) {
        return auditStore.find(new AuditQuery(response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow(),
                null, null, null, null, 10));
    }

    @Test
    void anNdxpClientCallsAProvincialServiceItIsAllowed() {
        PROVINCIAL.stubFor(post("/hoTich/traCuu").willReturn(aResponse()
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"ketQua\":\"Đã đăng ký khai sinh\"}")));

        HttpResponse<byte[]> response = callAsNdxp("civil-status-lookup");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("Đã đăng ký khai sinh");
        PROVINCIAL.verify(1, postRequestedFor(urlEqualTo("/hoTich/traCuu"))
                .withHeader("X-Hub-Consumer", equalTo("NDXP")).withRequestBody(equalTo(BODY)));
        assertThat(audit(response)).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("CALL");
            assertThat(r.consumer()).isEqualTo("NDXP");
            assertThat(r.provider()).isEqualTo(PROVINCE);
            assertThat(r.service()).isEqualTo("civil-status-lookup");
        });
    }

    @Test
    void anNdxpClientIsDeniedAServiceThatDoesNotAllowIt() {
        PROVINCIAL.stubFor(post(anyUrl()).willReturn(aResponse().withBody("{}")));

        HttpResponse<byte[]> response = callAsNdxp("marriage-status");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(HubTestSupport.json(response).path("code").asText()).isEqualTo("ACCESS_DENIED");
        PROVINCIAL.verify(0, postRequestedFor(anyUrl()));
        assertThat(audit(response)).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("REJECT");
            assertThat(r.consumer()).isEqualTo("NDXP");
            assertThat(r.code()).isEqualTo("ACCESS_DENIED");
        });
    }
}
