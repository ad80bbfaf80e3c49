package vn.lgsp.hub.routes.async;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** Helpers of the publish/delivery tests: publishing, reading status, and what a subscriber received. */
abstract class AsyncTestSupport extends HubTestSupport {

    static final String RECORDS = "/api/v1/topics/000.00.32.H99/business-registered/records";

    @BeforeEach
    void subscribersAccept() {
        SUBSCRIBER_OK.resetAll();
        SUBSCRIBER_FLAKY.resetAll();
        SUBSCRIBER_OK.stubFor(post(urlPathMatching("/inbox.*")).willReturn(aResponse().withStatus(200)));
        SUBSCRIBER_FLAKY.stubFor(post(urlPathMatching("/inbox.*")).willReturn(aResponse().withStatus(200)));
    }

    static String record(String code, String district) {
        return """
                {"maDoanhNghiep":"%s","tenDoanhNghiep":"CÔNG TY TNHH THỦY SẢN BIỂN XANH","ngayDangKy":"2026-11-20",
                 "diaChiTruSo":{"maTinh":"99","maHuyen":"%s","maXa":"99001","chiTiet":"Số 5 đường Trần Phú, phường 1"}}
                """.formatted(code, district).strip();
    }

    static String publisherToken() {
        return token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET);
    }

    static HttpResponse<byte[]> publish(String path, String token, String body, String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build());
    }

    static String publishOne(String body) {
        HttpResponse<byte[]> response = publish(RECORDS, publisherToken(), body, null);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(202);
        return json(response).path("exchangeId").asText();
    }

    /** The status document as the operator sees it. */
    JsonNode status(String exchangeId) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(ops("/ops/v1/exchanges/" + exchangeId))
                .header("Authorization", basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD)).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    /** The delivery entry of one subscriber, or a missing node. */
    JsonNode delivery(String exchangeId, String subscriber) {
        for (JsonNode d : status(exchangeId).path("deliveries")) {
            if (d.path("subscriber").asText().equals(subscriber)) {
                return d;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    String state(String exchangeId, String subscriber) {
        return delivery(exchangeId, subscriber).path("state").asText("NONE");
    }

    /** What a subscriber received for one exchange. */
    static List<LoggedRequest> received(WireMockServer subscriber, String exchangeId) {
        return subscriber.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> exchangeId.equals(r.getHeader("X-Hub-Exchange-Id")))
                .toList();
    }

    HttpResponse<byte[]> opsPost(String path) {
        return send(HttpRequest.newBuilder(ops(path))
                .header("Authorization", basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<byte[]> opsGet(String path) {
        return send(HttpRequest.newBuilder(ops(path))
                .header("Authorization", basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD)).GET().build());
    }
}
