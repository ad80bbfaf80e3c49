package vn.lgsp.hub.routes.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.routes.async.BrokerManagement;
import vn.lgsp.hub.routes.async.RetiredDeliveries;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * A subscription removed from a running hub's catalog ({@link ReloadingHub}) keeps its queued messages and open
 * deliveries until an operator discards them through the ops API: refused while still in the catalog, then
 * every message discarded, audited and both queues removed.
 */
class RetiredSubscriptionDiscardTest {

    @RegisterExtension
    static final ReloadingHub HUB = new ReloadingHub();
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void aRemovedSubscriptionKeepsItsMessagesUntilAnOperatorDiscardsThem() throws Exception {
        String subscriber = "000.00.46.H99";
        String topic = "000.00.32.H99/business-registered";
        CamelContext camel = HUB.bean(CamelContext.class);
        String routeId = "delivery:" + subscriber + ">" + topic;
        HUB.provider().stubFor(post(urlPathEqualTo("/dat-do/inbox")).willReturn(aResponse().withStatus(503)));
        HUB.write("huyen-dat-do.yaml", """
                agency: { code: "%s", name: "UBND huyện Đất Đỏ" }
                subscriptions:
                  - topic: "%s"
                    connector: { type: rest, url: "http://127.0.0.1:%d/dat-do/inbox", method: POST, timeout: 2s }
                    retry: { max-attempts: 50, initial-backoff: 30s, multiplier: 1.0, max-backoff: 30s }
                """.formatted(subscriber, topic, HUB.provider().port()));
        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) != null
                && camel.getRouteController().getRouteStatus(routeId).isStarted());
        String publisher = HUB.token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET);
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> accepted = HUB.callAs(publisher, "/api/v1/topics/" + topic + "/records",
                    "{\"maDoanhNghiep\":\"031234567" + i
                            + "\",\"tenDoanhNghiep\":\"CÔNG TY TNHH ĐẤT ĐỎ\",\"ngayDangKy\":\"2026-11-20\","
                            + "\"diaChiTruSo\":{\"maTinh\":\"99\",\"maHuyen\":\"990\",\"maXa\":\"99001\","
                            + "\"chiTiet\":\"Số 5 đường Trần Phú\"}}");
            assertThat(accepted.statusCode()).as(new String(accepted.body(), UTF_8)).isEqualTo(202);
        }
        // a record tried once waits 30 s on the broker (scheduled) for its next attempt
        await().atMost(WITHIN).untilAsserted(() -> assertThat(HUB.bean(RetiredDeliveries.class)
                .open()).anySatisfy(o -> {
                    assertThat(o.subscriber()).isEqualTo(subscriber);
                    assertThat(o.retrying()).isPositive();
                    assertThat(o.pending() + o.retrying()).isEqualTo(3);
                }));
        assertThat(HUB.operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber + "&topic=" + topic)
                .statusCode()).as("still in the catalog").isEqualTo(409);

        HUB.delete("huyen-dat-do.yaml");
        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) == null);

        assertThat(HUB.operatorGet("/ops/v1/retired-subscriptions")).anySatisfy(r -> {
            assertThat(r.path("subscriber").asText()).isEqualTo(subscriber);
            assertThat(r.path("topic").asText()).isEqualTo(topic);
            assertThat(r.path("pending").asLong() + r.path("retrying").asLong()).isEqualTo(3);
            assertThat(r.path("queue").asText()).isEqualTo("lgsp.delivery.000.00.46.H99.000.00.32.H99.business-registered");
        });
        HttpResponse<byte[]> invalid = HUB.operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(HubTestSupport.json(invalid).path("code").asText()).isEqualTo("INVALID_REQUEST");

        HttpResponse<byte[]> discarded = HUB.operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber
                + "&topic=" + topic);

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
        assertThat(HUB.operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber + "&topic=" + topic)
                .statusCode()).as("nothing left to discard").isEqualTo(404);
    }
}
