package vn.lgsp.hub.routes.async;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Delivery in batches (one broker, database and audit commit for the records a consumer already has): records
 * queued together go in one batch; an attempt to be retried in the middle of a batch rolls the batch back, yet the
 * records delivered before it are not sent again (every send is a counted attempt) and those after it are not
 * counted as attempted; a dead letter in the middle leaves the others delivered. One audit row per delivered record
 * throughout.
 */
class DeliveryBatchTest extends AsyncTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FLAKY_ID = TestCatalog.SUB_FLAKY + "%3E" + TestCatalog.PUBLISHER + "%3Ebusiness-registered";

    @Autowired
    MeterRegistry meters;

    @Test
    void aRetryInTheMiddleOfABatchResendsNothingDeliveredBeforeIt() {
        List<String> codes = codes("35990081");
        String failing = codes.get(2);
        SUBSCRIBER_FLAKY.stubFor(post(urlPathMatching("/inbox")).atPriority(1).withRequestBody(containing(failing))
                .inScenario("third").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("answered"));
        List<String> exchanges = publishQueued(codes);

        await().atMost(WAIT).untilAsserted(() -> exchanges.forEach(id ->
                assertThat(state(id, TestCatalog.SUB_FLAKY)).isEqualTo("DELIVERED")));
        assertThat(received(SUBSCRIBER_FLAKY, exchanges.get(2))).as("the record answered 503 once").hasSizeGreaterThan(1);
        exchanges.forEach(this::assertEverySendCountedOnce);
        assertOneDeliveryAuditRowEach(exchanges);
        assertThat(firstArrivals(exchanges).subList(0, 3)).as("the records before the retry, in queue order")
                .containsExactly(exchanges.get(0), exchanges.get(1), exchanges.get(2));
        assertThat(batchSizes().max()).as("records queued together share a batch").isGreaterThan(1);
    }

    @Test
    void aDeadLetterInTheMiddleOfABatchLeavesTheOthersDeliveredOnce() {
        List<String> codes = codes("35990082");
        String refused = codes.get(1);
        SUBSCRIBER_FLAKY.stubFor(post(urlPathMatching("/inbox")).atPriority(1).withRequestBody(containing(refused))
                .willReturn(aResponse().withStatus(400)));
        List<String> exchanges = publishQueued(codes);

        await().atMost(WAIT).untilAsserted(() -> {
            for (int i = 0; i < exchanges.size(); i++) {
                assertThat(state(exchanges.get(i), TestCatalog.SUB_FLAKY)).isEqualTo(i == 1 ? "DEAD" : "DELIVERED");
            }
        });
        exchanges.forEach(this::assertEverySendCountedOnce);
        assertThat(delivery(exchanges.get(1), TestCatalog.SUB_FLAKY).path("attempts").asInt()).isEqualTo(1);
        assertOneDeliveryAuditRowEach(exchanges);
        String messageId = delivery(exchanges.get(1), TestCatalog.SUB_FLAKY).path("messageId").asText();
        assertThat(opsGet("/ops/v1/dead-letters/" + messageId).statusCode()).as("its copy in the dead letters")
                .isEqualTo(200);
        assertThat(firstArrivals(exchanges)).as("queue order").containsExactlyElementsOf(exchanges);
    }

    private static List<String> codes(String prefix) {
        return IntStream.range(0, 5).mapToObj(i -> prefix + String.format("%02d", i)).toList();
    }

    /** Publishes the records in one call while the subscription is suspended, so its consumer finds them queued. */
    private List<String> publishQueued(List<String> codes) {
        assertThat(opsPost("/ops/v1/subscriptions/" + FLAKY_ID + ":suspend").statusCode()).isEqualTo(200);
        List<String> exchanges = new ArrayList<>();
        try {
            String batch = codes.stream().map(c -> record(c, "990")).collect(Collectors.joining(",", "[", "]"));
            HttpResponse<byte[]> response = publish(RECORDS + ":batch", publisherToken(), batch, null);
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(202);
            json(response).path("exchangeIds").forEach(id -> exchanges.add(id.asText()));
        } finally {
            assertThat(opsPost("/ops/v1/subscriptions/" + FLAKY_ID + ":resume").statusCode()).isEqualTo(200);
        }
        assertThat(exchanges).hasSize(codes.size());
        return exchanges;
    }

    /**
     * Each send to the subscriber is one counted attempt with its own X-Hub-Attempt: a delivered record whose
     * outcome the batch had not recorded before its rollback would be sent again under the same attempt number.
     * (Counts, not "once": a loaded machine may time out a first send, which is then rightly retried.)
     */
    private void assertEverySendCountedOnce(String exchangeId) {
        List<LoggedRequest> sends = received(SUBSCRIBER_FLAKY, exchangeId);
        assertThat(sends.stream().map(r -> r.getHeader("X-Hub-Attempt")).distinct()).as("attempt numbers of %s", exchangeId)
                .hasSameSizeAs(sends);
        assertThat(delivery(exchangeId, TestCatalog.SUB_FLAKY).path("attempts").asInt()).as("attempts of %s", exchangeId)
                .isEqualTo(sends.size());
    }

    private void assertOneDeliveryAuditRowEach(List<String> exchanges) {
        for (String id : exchanges) {
            assertThat(auditStore.find(new AuditQuery(id, null, AuditKind.DELIVERY, null, null, 20)))
                    .filteredOn(r -> TestCatalog.SUB_FLAKY.equals(r.subscriber())).as("DELIVERY rows of %s", id).hasSize(1);
        }
    }

    /** The exchanges in the order they first reached the flaky subscriber (WireMock lists the newest first). */
    private static List<String> firstArrivals(List<String> exchanges) {
        List<LoggedRequest> requests = new ArrayList<>(SUBSCRIBER_FLAKY.getAllServeEvents().stream()
                .map(e -> e.getRequest()).filter(r -> exchanges.contains(r.getHeader("X-Hub-Exchange-Id"))).toList());
        Collections.reverse(requests);
        return requests.stream().map(r -> r.getHeader("X-Hub-Exchange-Id")).distinct().toList();
    }

    private DistributionSummary batchSizes() {
        return meters.get("hub.delivery.batch.size").tag("subscriber", TestCatalog.SUB_FLAKY).summary();
    }
}
