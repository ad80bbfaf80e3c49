package vn.lgsp.hub.routes.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.TestCatalog;

/** Publishing: 202 after durability, Idempotency-Key, batches, status API and every bad input. */
class PublishTest extends AsyncTestSupport {

    @Test
    void answers202WithLocationAndTheStatusIsVisibleToThePublisherOnly() {
        String token = publisherToken();
        HttpResponse<byte[]> response = publish(RECORDS, token, record("3599002001", "990"), null);
        assertThat(response.statusCode()).isEqualTo(202);
        String exchangeId = json(response).path("exchangeId").asText();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/exchanges/" + exchangeId);
        assertThat(response.headers().firstValue("X-Hub-Exchange-Id")).hasValue(exchangeId);

        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(hub("/api/v1/exchanges/" + exchangeId))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(status.statusCode()).isEqualTo(200);
        JsonNode body = json(status);
        assertThat(body.path("topic").asText()).isEqualTo("000.00.32.H99/business-registered");
        assertThat(body.path("publisher").asText()).isEqualTo(TestCatalog.PUBLISHER);
        assertThat(body.path("deliveries")).hasSize(3);

        assertRejected(send(HttpRequest.newBuilder(hub("/api/v1/exchanges/" + exchangeId))
                .header("Authorization", "Bearer " + consumerToken()).GET().build()), 404, "NOT_FOUND");
    }

    @Test
    void sameIdempotencyKeyReturnsTheOriginalExchangeAndPublishesNothing() {
        String token = publisherToken();
        String key = "dkkd-2026-000123";
        HttpResponse<byte[]> first = publish(RECORDS, token, record("3599002002", "990"), key);
        HttpResponse<byte[]> again = publish(RECORDS, token, record("3599002002", "990"), key);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        String exchangeId = json(first).path("exchangeId").asText();
        assertThat(json(again).path("exchangeId").asText()).isEqualTo(exchangeId);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(state(exchangeId, TestCatalog.SUB_OK)).isEqualTo("DELIVERED"));
        assertThat(received(SUBSCRIBER_OK, exchangeId)).hasSize(1);
        assertThat(auditStore.find(new vn.lgsp.hub.core.audit.AuditQuery(null, null,
                vn.lgsp.hub.core.audit.AuditKind.PUBLISH, null, null, 1000)))
                .filteredOn(r -> exchangeId.equals(r.exchangeId())).hasSize(1);
    }

    @Test
    void batchAnswersOneExchangePerRecord() {
        String batch = "[" + record("3599003001", "990") + "," + record("3599003002", "991") + "]";
        HttpResponse<byte[]> response = publish(RECORDS + ":batch", publisherToken(), batch, null);
        assertThat(response.statusCode()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        json(response).path("exchangeIds").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(state(ids.get(0), TestCatalog.SUB_OK)).isEqualTo("DELIVERED");
            assertThat(state(ids.get(1), TestCatalog.SUB_OK)).isEqualTo("DELIVERED");
            assertThat(state(ids.get(1), TestCatalog.SUB_FILTERED)).isEqualTo("DELIVERED");
        });
        assertThat(state(ids.get(0), TestCatalog.SUB_FILTERED)).isEqualTo("NONE");
    }

    @Test
    void batchWithBadItemsNamesEachIndexAndPublishesNothing() {
        String batch = "[" + record("3599004001", "990") + ",{\"maDoanhNghiep\":\"x\"}," + record("3599004003", "990")
                + ",42]";
        JsonNode problem = assertRejected(publish(RECORDS + ":batch", publisherToken(), batch, null),
                422, "VALIDATION_FAILED");
        assertThat(problem.path("detail").asText()).contains("[1, 3]");
        List<Integer> indexes = new ArrayList<>();
        problem.path("errors").forEach(e -> indexes.add(e.path("index").asInt()));
        assertThat(indexes).contains(1, 3).doesNotContain(0, 2);
        assertThat(SUBSCRIBER_OK.getAllServeEvents()).noneMatch(e -> e.getRequest().getBodyAsString().contains("3599004001"));
    }

    @Test
    void batchOverTheLimitIs413() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(record("35990050" + (10 + i), "990"));
        }
        assertRejected(publish(RECORDS + ":batch", publisherToken(), "[" + String.join(",", records) + "]", null),
                413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void unknownTopicIs404() {
        assertRejected(publish("/api/v1/topics/000.00.32.H99/no-such-topic/records", publisherToken(),
                record("3599006001", "990"), null), 404, "NOT_FOUND");
    }

    @Test
    void onlyTheOwnerPublishes() {
        assertRejected(publish(RECORDS, consumerToken(), record("3599006002", "990"), null), 403, "ACCESS_DENIED");
    }

    @Test
    void schemaFailureIs422() {
        JsonNode problem = assertRejected(publish(RECORDS, publisherToken(), "{\"maDoanhNghiep\":\"12\"}", null),
                422, "VALIDATION_FAILED");
        assertThat(problem.path("errors").toString()).contains("tenDoanhNghiep");
    }

    @Test
    void malformedJsonIs400AndMissingTokenIs401() {
        assertRejected(publish(RECORDS, publisherToken(), "{\"maDoanhNghiep\":", null), 400, "MALFORMED_BODY");
        assertRejected(send(HttpRequest.newBuilder(hub(RECORDS)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(record("3599006003", "990"))).build()), 401, "AUTH_REQUIRED");
    }
}
