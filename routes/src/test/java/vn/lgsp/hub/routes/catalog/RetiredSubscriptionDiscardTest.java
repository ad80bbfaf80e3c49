package vn.lgsp.hub.routes.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.routes.async.BrokerManagement;
import vn.lgsp.hub.routes.async.RetiredDeliveries;
import vn.lgsp.hub.routes.console.ConsoleBrowser;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * A subscription removed from a running hub's catalog ({@link ReloadingHub}) keeps its queued messages and open
 * deliveries until an operator discards them through the ops API: refused while still in the catalog, then
 * every message discarded, audited and both queues removed; the same through the operator console's
 * subscriptions page (headless chromium, see {@link ConsoleBrowser}).
 */
class RetiredSubscriptionDiscardTest {

    @RegisterExtension
    static final ReloadingHub HUB = new ReloadingHub();
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String TOPIC = "000.00.32.H99/business-registered";

    @Test
    void aRemovedSubscriptionKeepsItsMessagesUntilAnOperatorDiscardsThem() throws Exception {
        String subscriber = "000.00.46.H99";
        subscribeWithThreeRecordsWaiting(subscriber, "huyen-dat-do.yaml", "UBND huyện Đất Đỏ", "/dat-do/inbox");
        assertThat(HUB.operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber + "&topic=" + TOPIC)
                .statusCode()).as("still in the catalog").isEqualTo(409);

        retire(subscriber, "huyen-dat-do.yaml");

        assertThat(HUB.operatorGet("/ops/v1/retired-subscriptions")).anySatisfy(r -> {
            assertThat(r.path("subscriber").asText()).isEqualTo(subscriber);
            assertThat(r.path("topic").asText()).isEqualTo(TOPIC);
            assertThat(r.path("pending").asLong() + r.path("retrying").asLong()).isEqualTo(3);
            assertThat(r.path("queue").asText()).isEqualTo("lgsp.delivery.000.00.46.H99.000.00.32.H99.business-registered");
        });
        HttpResponse<byte[]> invalid = HUB.operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(HubTestSupport.json(invalid).path("code").asText()).isEqualTo("INVALID_REQUEST");

        HttpResponse<byte[]> discarded = HUB.operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber
                + "&topic=" + TOPIC);

        assertThat(discarded.statusCode()).as(new String(discarded.body(), UTF_8)).isEqualTo(200);
        JsonNode result = HubTestSupport.json(discarded);
        assertThat(result.path("fromQueue").asInt()).isEqualTo(3);
        assertThat(result.path("deliveriesMarked").asInt()).isEqualTo(3);
        assertThat(result.path("left").asLong()).isZero();
        Object[] queues = HUB.bean(BrokerManagement.class)
                .with(calls -> (Object[]) calls.attribute("broker", "queueNames"));
        assertThat(queues).as("both queues removed").doesNotContain(
                "lgsp.delivery.000.00.46.H99.000.00.32.H99.business-registered",
                "lgsp.dead.000.00.46.H99.000.00.32.H99.business-registered");
        assertThat(HUB.operatorGet("/ops/v1/retired-subscriptions").findValuesAsText("subscriber")).doesNotContain(subscriber);
        assertThat(HUB.opsAudit("DISCARD")).filteredOn(r -> subscriber.equals(r.subscriber())).hasSize(3)
                .allSatisfy(r -> assertThat(r.consumer()).isEqualTo(TestCatalog.OPERATOR));
        assertThat(HUB.operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber + "&topic=" + TOPIC)
                .statusCode()).as("nothing left to discard").isEqualTo(404);
    }

    @Test
    void anOperatorDiscardsARetiredSubscriptionInTheConsole() throws Exception {
        String subscriber = "000.00.47.H99";
        subscribeWithThreeRecordsWaiting(subscriber, "huyen-long-dien.yaml", "UBND huyện Long Điền", "/long-dien/inbox");
        retire(subscriber, "huyen-long-dien.yaml");

        try (ConsoleBrowser browser = ConsoleBrowser.startOrSkip(HUB.opsPort())) {
            browser.login(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
            browser.page("subscriptions");
            assertThat(browser.find("#retired-subscriptions h3").getText()).isEqualTo("Đăng ký đã gỡ khỏi danh mục");
            String row = "#retired-subscriptions tr[data-retired='" + subscriber + ">" + TOPIC + "']";
            assertThat(browser.find(row).getText())
                    .contains("lgsp.delivery.000.00.47.H99.000.00.32.H99.business-registered");
            browser.screenshot("retired-subscriptions");

            browser.clickAndConfirm(browser.find(row + " .action-discard"));

            assertThat(browser.find("#action-message .notice.ok").getText())
                    .isEqualTo("Đã hủy 3 tin trong hàng đợi và 0 thư lỗi; 3 lần gửi được đánh dấu đã hủy.");
            assertThat(browser.all(row)).as("no longer listed after the page's refresh").isEmpty();
        }
        assertThat(HUB.bean(RetiredDeliveries.class).openOf(subscriber, TOPIC).any()).isFalse();
        assertThat(HUB.opsAudit("DISCARD")).filteredOn(r -> subscriber.equals(r.subscriber())).hasSize(3)
                .allSatisfy(r -> assertThat(r.consumer()).isEqualTo(TestCatalog.OPERATOR));
    }

    /**
     * Adds an agency subscribed to {@link #TOPIC} whose endpoint answers 503, publishes three records and waits
     * until they are open deliveries, at least one scheduled on the broker for its next attempt in 30 s.
     */
    private static void subscribeWithThreeRecordsWaiting(String subscriber, String file, String name, String inbox)
            throws IOException {
        CamelContext camel = HUB.bean(CamelContext.class);
        String routeId = "delivery:" + subscriber + ">" + TOPIC;
        HUB.provider().stubFor(post(urlPathEqualTo(inbox)).willReturn(aResponse().withStatus(503)));
        HUB.write(file, """
                agency: { code: "%s", name: "%s" }
                subscriptions:
                  - topic: "%s"
                    connector: { type: rest, url: "http://127.0.0.1:%d%s", method: POST, timeout: 2s }
                    retry: { max-attempts: 50, initial-backoff: 30s, multiplier: 1.0, max-backoff: 30s }
                """.formatted(subscriber, name, TOPIC, HUB.provider().port(), inbox));
        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) != null
                && camel.getRouteController().getRouteStatus(routeId).isStarted());
        String publisher = HUB.token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET);
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> accepted = HUB.callAs(publisher, "/api/v1/topics/" + TOPIC + "/records",
                    "{\"maDoanhNghiep\":\"031234567" + i
                            + "\",\"tenDoanhNghiep\":\"CÔNG TY TNHH ĐẤT ĐỎ\",\"ngayDangKy\":\"2026-11-20\","
                            + "\"diaChiTruSo\":{\"maTinh\":\"99\",\"maHuyen\":\"990\",\"maXa\":\"99001\","
                            + "\"chiTiet\":\"Số 5 đường Trần Phú\"}}");
            assertThat(accepted.statusCode()).as(new String(accepted.body(), UTF_8)).isEqualTo(202);
        }
        await().atMost(WITHIN).untilAsserted(() -> {
            RetiredDeliveries.OpenDeliveries open = HUB.bean(RetiredDeliveries.class).openOf(subscriber, TOPIC);
            assertThat(open.retrying()).isPositive();
            assertThat(open.pending() + open.retrying()).isEqualTo(3);
        });
    }

    /** Removes the agency's file and waits until its delivery route is gone. */
    private static void retire(String subscriber, String file) throws IOException {
        CamelContext camel = HUB.bean(CamelContext.class);
        HUB.delete(file);
        await().atMost(WITHIN).until(() -> camel.getRoute("delivery:" + subscriber + ">" + TOPIC) == null);
    }
}
