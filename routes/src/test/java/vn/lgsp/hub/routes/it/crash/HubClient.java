package vn.lgsp.hub.routes.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The crash test's HTTP calls to the hub: a token, {@code records:batch}, and the operator's audit pages. */
final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString(
            "demo-operator:demo-operator-secret".getBytes(StandardCharsets.UTF_8));
    private static final String[] NAMES = {"Công ty TNHH Thủy sản Biển Xanh", "Công ty Cổ phần Nông nghiệp Đồng Tháp",
        "Hợp tác xã Dịch vụ Nông nghiệp Mỹ Xuân", "Công ty TNHH Một thành viên Xây dựng Phước Thịnh"};

    private final HubProcess hub;

    HubClient(HubProcess hub) {
        this.hub = hub;
    }

    /** A Bearer token for the publisher's client. */
    String token() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(hub.hub().resolve("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + CrashCatalog.CLIENT + "&client_secret=" + CrashCatalog.SECRET)).build());
        assertThat(response.statusCode()).as("token: %s", response.body()).isEqualTo(200);
        return json(response.body()).path("access_token").asText();
    }

    /** Publishes records {@code from} (inclusive) to {@code to} (exclusive) in one batch; asserts 202. */
    void publishBatch(String token, int from, int to) {
        ArrayNode batch = JSON.createArrayNode();
        for (int i = from; i < to; i++) {
            batch.addObject().put("recordId", recordId(i)).put("maSoDoanhNghiep", String.format("35990%05d", i))
                    .put("tenDoanhNghiep", NAMES[i % NAMES.length] + " số " + i)
                    .put("diaChi", "Số " + (i % 300 + 1) + " đường Hoàng Hoa Thám, phường Bình Đức");
        }
        String path = "/api/v1/topics/" + CrashCatalog.PUBLISHER + "/" + CrashCatalog.TOPIC + "/records:batch";
        HttpResponse<String> response = send(HttpRequest.newBuilder(hub.hub().resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString(), StandardCharsets.UTF_8)).build());
        assertThat(response.statusCode()).as("records:batch %d..%d: %s", from, to, response.body()).isEqualTo(202);
        assertThat(json(response.body()).path("exchangeIds")).hasSize(to - from);
    }

    /** Sync call {@code i} to {@code provider/service} with body {@code {"recordId":"call-i",...}}; asserts 200. */
    void call(String token, String provider, String service, int i) {
        String body = JSON.createObjectNode().put("recordId", callId(i))
                .put("tenDoanhNghiep", NAMES[i % NAMES.length]).toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(hub.hub().resolve("/api/v1/services/" + provider
                        + "/" + service)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        assertThat(response.statusCode()).as("call %d via %s: %s", i, hub.hub(), response.body()).isEqualTo(200);
    }

    static String callId(int i) {
        return "call-" + i;
    }

    /** {@code GET /ops/v1/audit/verify}: the verifier's report on every chain in the database. */
    JsonNode verify() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(hub.ops().resolve("/ops/v1/audit/verify"))
                .header("Authorization", OPERATOR).timeout(Duration.ofSeconds(60)).build());
        assertThat(response.statusCode()).as("audit verify: %s", response.body()).isEqualTo(200);
        return json(response.body());
    }

    static String recordId(int i) {
        return "rec-" + i;
    }

    /** Every audit row of a kind, newest first, paging with {@code before}/{@code next}. */
    List<JsonNode> audit(String kind) {
        List<JsonNode> rows = new ArrayList<>();
        String before = null;
        do {
            URI uri = hub.ops().resolve("/ops/v1/audit?kind=" + kind + "&limit=1000"
                    + (before == null ? "" : "&before=" + before));
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri).header("Authorization", OPERATOR)
                    .timeout(Duration.ofSeconds(30)).build());
            assertThat(response.statusCode()).as("%s: %s", uri, response.body()).isEqualTo(200);
            JsonNode page = json(response.body());
            page.path("items").forEach(rows::add);
            before = page.path("next").isNumber() ? page.path("next").asText() : null;
        } while (before != null);
        return rows;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("calling " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
