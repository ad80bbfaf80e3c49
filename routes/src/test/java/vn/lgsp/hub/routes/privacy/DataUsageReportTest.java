package vn.lgsp.hub.routes.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * {@code GET /api/v1/data-usage/{subjectId}}: one person's sync calls (and refused attempts), published records
 * and their deliveries, newest first, with agency names, purposes and outcomes; paginated; only for the
 * data-tracker role; itself audited.
 */
class DataUsageReportTest extends PrivacyTestSupport {

    /** Used by this class only, so the report's content is exactly what this class did. */
    private static final String SUBJECT = "079203001111";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void listsEveryExchangeOfThePersonAcrossSyncAndAsyncNewestFirstAndPages() {
        PROVIDER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(citizenAnswer(SUBJECT, "079160001111"))));
        SUBSCRIBER_OK.stubFor(post(urlEqualTo("/inbox-pd")).willReturn(aResponse().withStatus(200)));
        String call = exchangeIdOf(callJson(RESIDENT, "TTHC", lookup(SUBJECT, "U-1")));
        String refused = exchangeIdOf(callJson(RESIDENT, null, lookup(SUBJECT, "U-2")));
        HttpResponse<byte[]> published = publishPd("DKKD", representativeRecord("3599008001", SUBJECT));
        assertThat(published.statusCode()).as(new String(published.body())).isEqualTo(202);
        String record = json(published).path("exchangeId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditStore.find(
                new AuditQuery(record, null, AuditKind.DELIVERY, null, null, 10))).hasSize(1));
        AuditRecord delivery = only(AuditKind.DELIVERY, record);
        assertThat(delivery.subscriber()).isEqualTo(TestCatalog.PD_CONSUMER);
        assertThat(delivery.purpose()).isEqualTo("DKKD");
        assertThat(delivery.subjectKeys()).isEqualTo(key(SUBJECT));

        HttpResponse<byte[]> response = report(trackerToken(), SUBJECT);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(response);
        assertThat(body.path("subject").asText()).isEqualTo("0792******11");
        assertThat(body.path("next").isNull()).isTrue();
        List<JsonNode> items = list(items(response));
        assertThat(items).extracting(i -> i.path("kind").asText()).containsExactly("DELIVERY", "PUBLISH", "REJECT", "CALL");
        assertThat(items).extracting(i -> i.path("exchangeId").asText()).containsExactly(record, record, refused, call);
        JsonNode deliveryItem = items.get(0);
        assertThat(deliveryItem.path("consumer").asText()).isEqualTo(TestCatalog.PD_CONSUMER);
        assertThat(deliveryItem.path("consumerName").asText()).isEqualTo(TestCatalog.PD_CONSUMER_NAME);
        assertThat(deliveryItem.path("topic").asText()).isEqualTo(TestCatalog.PD_TOPIC);
        assertThat(deliveryItem.path("provider").asText()).isEqualTo(TestCatalog.PUBLISHER);
        assertThat(deliveryItem.path("purpose").asText()).isEqualTo("DKKD");
        assertThat(deliveryItem.path("status").asInt()).isEqualTo(200);
        JsonNode publishItem = items.get(1);
        assertThat(publishItem.path("consumer").asText()).isEqualTo(TestCatalog.PUBLISHER);
        assertThat(publishItem.path("consumerName").asText()).isEqualTo("Sở Kế hoạch và Đầu tư");
        assertThat(publishItem.path("status").asInt()).isEqualTo(202);
        JsonNode rejectItem = items.get(2);
        assertThat(rejectItem.path("code").asText()).isEqualTo("PURPOSE_REQUIRED");
        assertThat(rejectItem.path("status").asInt()).isEqualTo(400);
        JsonNode callItem = items.get(3);
        assertThat(callItem.path("consumer").asText()).isEqualTo(TestCatalog.PD_CONSUMER);
        assertThat(callItem.path("consumerName").asText()).isEqualTo(TestCatalog.PD_CONSUMER_NAME);
        assertThat(callItem.path("provider").asText()).isEqualTo("NDXP");
        assertThat(callItem.path("providerName").asText()).isEqualTo("Nền tảng NDXP");
        assertThat(callItem.path("service").asText()).isEqualTo("resident-lookup");
        assertThat(callItem.path("purpose").asText()).isEqualTo("TTHC");
        assertThat(callItem.path("status").asInt()).isEqualTo(200);
        assertThat(callItem.path("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(new String(response.body())).doesNotContain(SUBJECT);

        AuditRecord audited = only(AuditKind.OPS, exchangeIdOf(response));
        assertThat(audited.code()).isEqualTo("DATA_USAGE_REPORT");
        assertThat(audited.consumer()).isEqualTo(TestCatalog.TRACKER);
        assertThat(audited.subjectKeys()).isEqualTo(key(SUBJECT));

        // pages of 2: the first report now heads the list (it is audited under the subject's key)
        JsonNode first = json(report(trackerToken(), SUBJECT + "?limit=2"));
        assertThat(list(first.path("items"))).extracting(i -> i.path("kind").asText()).containsExactly("OPS", "DELIVERY");
        assertThat(first.path("items").get(0).path("code").asText()).isEqualTo("DATA_USAGE_REPORT");
        assertThat(first.path("items").get(0).path("consumerName").asText()).isEqualTo("Cổng dịch vụ công tỉnh (kiểm thử)");
        JsonNode second = json(report(trackerToken(), SUBJECT + "?limit=2&before=" + first.path("next").asLong()));
        assertThat(list(second.path("items"))).extracting(i -> i.path("kind").asText()).containsExactly("PUBLISH", "REJECT");
        JsonNode third = json(report(trackerToken(), SUBJECT + "?limit=2&before=" + second.path("next").asLong()));
        assertThat(list(third.path("items"))).extracting(i -> i.path("exchangeId").asText()).containsExactly(call);
        assertThat(third.path("next").isNull()).isTrue();

        // the audit trail holds keyed hashes only, never the id itself
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE subject_keys LIKE ? OR detail LIKE ?"
                + " OR request_id LIKE ?", Integer.class, "%" + SUBJECT + "%", "%" + SUBJECT + "%", "%" + SUBJECT + "%"))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_subject WHERE subject_key = ?", Integer.class,
                key(SUBJECT))).isGreaterThanOrEqualTo(7);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_payload", Integer.class))
                .as("payload storage is off by default").isZero();
    }

    @Test
    void anyoneWithoutTheDataTrackerRoleIsRefused() {
        assertRejected(report(pdToken(), SUBJECT), 403, "ACCESS_DENIED");
        assertRejected(report(consumerToken(), SUBJECT), 403, "ACCESS_DENIED");
        assertRejected(send(java.net.http.HttpRequest.newBuilder(hub("/api/v1/data-usage/" + SUBJECT)).GET().build()),
                401, "AUTH_REQUIRED");
    }

    @Test
    void refusesMalformedSubjectIdsAndPages() {
        String token = trackerToken();
        JsonNode problem = assertRejected(report(token, "0792-0300"), 400, "INVALID_REQUEST");
        assertThat(problem.path("detail").asText()).doesNotContain("0792-0300");
        assertRejected(report(token, "x".repeat(65)), 400, "INVALID_REQUEST");
        assertRejected(report(token, SUBJECT + "?limit=0"), 400, "INVALID_REQUEST");
        assertRejected(report(token, SUBJECT + "?limit=201"), 400, "INVALID_REQUEST");
        assertRejected(report(token, SUBJECT + "?before=abc"), 400, "INVALID_REQUEST");
        assertRejected(report(token, ""), 400, "INVALID_REQUEST");
        assertRejected(report(token, SUBJECT + "/calls"), 404, "NOT_FOUND");
    }

    @Test
    void anUnknownPersonHasAnEmptyReport() {
        JsonNode body = json(report(trackerToken(), "000000000001"));
        assertThat(body.path("items")).isEmpty();
        assertThat(body.path("subject").asText()).isEqualTo("0000******01");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
