package vn.lgsp.hub.routes.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Hot reload against a running hub ({@link ReloadingHub}): a file dropped into {@code catalog/} makes an agency
 * callable, a removed file makes its services answer 404 while a call in flight finishes, an invalid change is
 * rejected whole (status, readiness details, audit), and subscriptions added or removed start or retire their
 * delivery routes.
 */
class CatalogHotReloadTest {

    @RegisterExtension
    static final ReloadingHub HUB = new ReloadingHub();
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void anAgencyDroppedInAsAFileIsCallableWithoutRestart() throws IOException {
        HUB.provider().stubFor(post(urlPathEqualTo("/dat-dai/thua-dat"))
                .willReturn(aResponse().withStatus(200).withBody("{\"thuaDat\":\"Thửa 12, tờ bản đồ 5\"}")));
        assertThat(HUB.call("/api/v1/services/000.00.35.H99/land-parcel", "{}").statusCode()).isEqualTo(404);
        long reloadsBefore = HUB.ops("/ops/v1/catalog/status").path("reloads").asLong();

        HUB.write("so-tai-nguyen.yaml", HUB.agency("000.00.35.H99", "land-parcel", "/dat-dai/thua-dat"));

        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(HUB.call("/api/v1/services/000.00.35.H99/land-parcel", "{}").statusCode()).isEqualTo(200));
        HttpResponse<byte[]> answer = HUB.call("/api/v1/services/000.00.35.H99/land-parcel", "{}");
        assertThat(new String(answer.body(), UTF_8)).isEqualTo("{\"thuaDat\":\"Thửa 12, tờ bản đồ 5\"}");
        // the new catalog is in force before the audit record and the status are written: await those too
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode status = HUB.ops("/ops/v1/catalog/status");
            assertThat(status.path("reloads").asLong()).isGreaterThan(reloadsBefore);
            assertThat(status.path("source").asText()).isEqualTo(HUB.config().toAbsolutePath().normalize().toString());
            assertThat(status.path("lastError").isNull() || status.path("lastError").isMissingNode()).isTrue();
            assertThat(HUB.opsAudit("CATALOG_RELOAD")).anySatisfy(r -> {
                assertThat(r.detail()).contains("+000.00.35.H99/land-parcel");
                assertThat(r.consumer()).isEqualTo(CatalogReloader.WATCHER);
            });
        });
    }

    @Test
    void aRemovedServiceAnswers404WhileACallInFlightFinishes() throws Exception {
        HUB.provider().stubFor(post(urlPathEqualTo("/xay-dung/giay-phep"))
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}").withFixedDelay(2500)));
        HUB.write("so-xay-dung.yaml", HUB.agency("000.00.36.H99", "permit", "/xay-dung/giay-phep"));
        await().atMost(WITHIN).until(() -> HUB.bean(CatalogHolder.class).current()
                .service("000.00.36.H99", "permit").isPresent());
        String token = HUB.token(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);

        CompletableFuture<HttpResponse<byte[]>> inFlight = CompletableFuture.supplyAsync(() ->
                HUB.callAs(token, "/api/v1/services/000.00.36.H99/permit", "{}"));
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(inFlight).as("the call must still be in flight").isNotDone();
            assertThat(HUB.provider().countRequestsMatching(postRequestedFor(urlPathEqualTo("/xay-dung/giay-phep")).build())
                    .getCount()).isEqualTo(1);
        });
        HUB.delete("so-xay-dung.yaml");

        await().atMost(WITHIN).untilAsserted(() -> {
            HttpResponse<byte[]> after = HUB.call("/api/v1/services/000.00.36.H99/permit", "{}");
            assertThat(after.statusCode()).isEqualTo(404);
            assertThat(HubTestSupport.json(after).path("code").asText()).isEqualTo("SERVICE_NOT_FOUND");
        });
        HttpResponse<byte[]> finished = inFlight.get();
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(new String(finished.body(), UTF_8)).isEqualTo("{\"ok\":true}");
    }

    @Test
    void anInvalidChangeIsRejectedWholeAndThePreviousCatalogStays() throws IOException {
        long rejectedBefore = HUB.opsAudit("CATALOG_REJECTED").size();
        // two files in one change: a valid agency and one naming a connector type nobody provides
        HUB.write("so-giao-thong.yaml", HUB.agency("000.00.37.H99", "vehicle", "/giao-thong"));
        HUB.write("so-cong-thuong.yaml", HUB.agency("000.00.38.H99", "market", "/cong-thuong").replace("type: rest", "type: ftp"));

        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(HUB.ops("/ops/v1/catalog/status").path("lastError").path("problems")).isNotEmpty());
        JsonNode error = HUB.ops("/ops/v1/catalog/status").path("lastError");
        assertThat(error.path("problems")).anySatisfy(p -> {
            assertThat(p.path("file").asText()).isEqualTo("catalog/so-cong-thuong.yaml");
            assertThat(p.path("field").asText()).isEqualTo("services[0].connector.type");
            assertThat(p.path("reason").asText()).startsWith("unknown connector type 'ftp' (known: ");
        });
        assertThat(error.path("message").asText()).startsWith("invalid hub configuration");
        // the valid half of the change is not applied either; what was there still works
        assertThat(HUB.call("/api/v1/services/000.00.37.H99/vehicle", "{}").statusCode()).isEqualTo(404);
        assertThat(HUB.bean(CatalogHolder.class).current()
                .service("NDXP", "citizen-lookup")).isPresent();
        // the rejection is audited before the status shows it
        await().atMost(WITHIN).untilAsserted(() -> assertThat(HUB.opsAudit("CATALOG_REJECTED"))
                .hasSizeGreaterThan((int) rejectedBefore)
                .anySatisfy(r -> assertThat(r.detail()).contains("services[0].connector.type")));
        JsonNode readiness = HUB.ops("/actuator/health/readiness");
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(HUB.ops("/actuator/health").path("components").path("catalogReload").path("details")
                .path("lastError").path("problems").toString()).contains("unknown connector type 'ftp'");

        HUB.write("so-cong-thuong.yaml", HUB.agency("000.00.38.H99", "market", "/cong-thuong"));

        await().atMost(WITHIN).until(HUB::reloadedWithoutError);
        HUB.provider().stubFor(post(urlPathEqualTo("/giao-thong")).willReturn(aResponse().withStatus(200)));
        assertThat(HUB.call("/api/v1/services/000.00.37.H99/vehicle", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void subscriptionsAddedOrRemovedStartOrRetireTheirDeliveryRoutes() throws IOException {
        CamelContext camel = HUB.bean(CamelContext.class);
        String routeId = "delivery:000.00.44.H99>000.00.32.H99/business-registered";
        String subscription = """
                agency: { code: "000.00.44.H99", name: "UBND huyện Xuyên Mộc" }
                subscriptions:
                  - topic: "000.00.32.H99/business-registered"
                    connector: { type: rest, url: "http://127.0.0.1:%d/xuyen-moc/inbox", method: POST, timeout: 2s }
                """.formatted(HUB.provider().port());
        // the topic allows "*", so the new district may subscribe
        HUB.write("huyen-xuyen-moc.yaml", subscription);
        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) != null
                && camel.getRouteController().getRouteStatus(routeId).isStarted());
        io.micrometer.core.instrument.MeterRegistry meters = HUB.bean(io.micrometer.core.instrument.MeterRegistry.class);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(meters.find("hub.subscription.backlog")
                .tag("subscriber", "000.00.44.H99").gauge()).as("the new subscription's gauges").isNotNull());
        assertThat(meters.find("hub.subscription.backlog").tag("subscriber", "000.00.44.H99").gauge().value()).isZero();

        HUB.delete("huyen-xuyen-moc.yaml");

        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) == null);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(meters.find("hub.subscription.suspended")
                .tag("subscriber", "000.00.44.H99").gauges()).as("its gauges are gone").isEmpty());
        // the reload is audited after the listeners retired the route, so the record may follow a moment later
        await().atMost(WITHIN).untilAsserted(() -> assertThat(HUB.opsAudit("CATALOG_RELOAD")).anySatisfy(r ->
                assertThat(r.detail()).contains("-000.00.44.H99>000.00.32.H99/business-registered")));
    }
}
