package vn.lgsp.hub.routes.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.routes.HubApplication;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Hot reload against a running hub (its own application context, ports and configuration folder): a file
 * dropped into {@code catalog/} makes an agency callable, a removed file makes its services answer 404 while a
 * call in flight finishes, an invalid change is rejected whole (status, readiness details, audit), and
 * subscriptions added or removed start or retire their delivery routes, a retired queue keeping its messages,
 * and a plugin jar moved into {@code plugins/} brings a connector type a new agency's file can use.
 */
class CatalogHotReloadTest {

    private static final WireMockServer PROVIDER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static ConfigurableApplicationContext hub;
    private static Path config;
    private static Path plugins;
    private static int hubPort;
    private static int opsPort;

    @BeforeAll
    static void startHub() {
        PROVIDER.start();
        int dead = HubTestSupport.freePort();
        config = TestCatalog.write(PROVIDER.port(), dead, PROVIDER.port(), PROVIDER.port(), dead);
        plugins = config.resolve("plugins");
        hubPort = HubTestSupport.freePort();
        opsPort = HubTestSupport.freePort();
        hub = new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.catalog.dir=" + config,
                "--hub.plugins.dir=" + plugins,
                "--hub.catalog.reload.interval=150ms",
                "--hub.catalog.reload.connector-grace=30s",
                "--hub.http.host=127.0.0.1",
                "--hub.http.port=" + hubPort, "--hub.soap.port=" + HubTestSupport.freePort(),
                "--server.port=" + opsPort,
                "--hub.token.signing-key=" + TestCatalog.SIGNING_KEY,
                "--hub.privacy.subject-key=" + TestCatalog.SUBJECT_SECRET,
                "--spring.datasource.url=jdbc:h2:mem:reload-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--spring.artemis.embedded.persistent=false");
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
        PROVIDER.stop();
    }

    private static HttpResponse<byte[]> call(String path, String body) {
        return HubTestSupport.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + path))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String token() {
        return token(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);
    }

    private static String token(String client, String secret) {
        HttpResponse<byte[]> response = HubTestSupport.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + hubPort + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + client + "&client_secret=" + secret)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return HubTestSupport.json(response).path("access_token").asText();
    }

    private static JsonNode ops(String path) {
        HttpResponse<byte[]> response = HubTestSupport.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + opsPort + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestCatalog.AUDITOR + ":" + TestCatalog.AUDITOR_PASSWORD).getBytes(UTF_8))).GET().build());
        assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(200);
        return HubTestSupport.json(response);
    }

    private static HttpResponse<byte[]> operatorPost(String pathAndQuery) {
        return HubTestSupport.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + pathAndQuery))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestCatalog.OPERATOR + ":" + TestCatalog.OPERATOR_PASSWORD).getBytes(UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode operatorGet(String path) {
        HttpResponse<byte[]> response = HubTestSupport.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + opsPort + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestCatalog.OPERATOR + ":" + TestCatalog.OPERATOR_PASSWORD).getBytes(UTF_8))).GET().build());
        assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(200);
        return HubTestSupport.json(response);
    }

    private static void write(String file, String yaml) throws IOException {
        // written next to the folder and moved in, as an editor or a deployment tool would
        Path temp = Files.writeString(config.resolve(file + ".tmp"), yaml);
        Files.move(temp, config.resolve("catalog").resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String agency(String code, String service, String path) {
        return """
                agency: { code: "%s", name: "Sở Tài nguyên và Môi trường (nạp nóng)" }
                services:
                  - code: %s
                    connector: { type: rest, url: "http://127.0.0.1:%d%s", method: POST, timeout: 5s }
                    allow: ["000.00.01.H99"]
                """.formatted(code, service, PROVIDER.port(), path);
    }

    private static List<AuditRecord> opsAudit(String code) {
        return hub.getBean(AuditStore.class).find(new AuditQuery(null, null, AuditKind.OPS, null, null, 100))
                .stream().filter(r -> code.equals(r.code())).toList();
    }

    @Test
    void anAgencyDroppedInAsAFileIsCallableWithoutRestart() throws IOException {
        PROVIDER.stubFor(post(urlPathEqualTo("/dat-dai/thua-dat"))
                .willReturn(aResponse().withStatus(200).withBody("{\"thuaDat\":\"Thửa 12, tờ bản đồ 5\"}")));
        assertThat(call("/api/v1/services/000.00.35.H99/land-parcel", "{}").statusCode()).isEqualTo(404);
        long reloadsBefore = ops("/ops/v1/catalog/status").path("reloads").asLong();

        write("so-tai-nguyen.yaml", agency("000.00.35.H99", "land-parcel", "/dat-dai/thua-dat"));

        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(call("/api/v1/services/000.00.35.H99/land-parcel", "{}").statusCode()).isEqualTo(200));
        HttpResponse<byte[]> answer = call("/api/v1/services/000.00.35.H99/land-parcel", "{}");
        assertThat(new String(answer.body(), UTF_8)).isEqualTo("{\"thuaDat\":\"Thửa 12, tờ bản đồ 5\"}");
        // the new catalog is in force before the audit record and the status are written: await those too
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode status = ops("/ops/v1/catalog/status");
            assertThat(status.path("reloads").asLong()).isGreaterThan(reloadsBefore);
            assertThat(status.path("source").asText()).isEqualTo(config.toAbsolutePath().normalize().toString());
            assertThat(status.path("lastError").isNull() || status.path("lastError").isMissingNode()).isTrue();
            assertThat(opsAudit("CATALOG_RELOAD")).anySatisfy(r -> {
                assertThat(r.detail()).contains("+000.00.35.H99/land-parcel");
                assertThat(r.consumer()).isEqualTo(CatalogReloader.WATCHER);
            });
        });
    }

    @Test
    void aRemovedServiceAnswers404WhileACallInFlightFinishes() throws Exception {
        PROVIDER.stubFor(post(urlPathEqualTo("/xay-dung/giay-phep"))
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}").withFixedDelay(2500)));
        write("so-xay-dung.yaml", agency("000.00.36.H99", "permit", "/xay-dung/giay-phep"));
        await().atMost(WITHIN).until(() -> hub.getBean(vn.lgsp.hub.routes.config.CatalogHolder.class).current()
                .service("000.00.36.H99", "permit").isPresent());
        String token = token();

        CompletableFuture<HttpResponse<byte[]>> inFlight = CompletableFuture.supplyAsync(() -> HubTestSupport.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + "/api/v1/services/000.00.36.H99/permit"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build()));
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(inFlight).as("the call must still be in flight").isNotDone();
            assertThat(PROVIDER.countRequestsMatching(postRequestedFor(urlPathEqualTo("/xay-dung/giay-phep")).build())
                    .getCount()).isEqualTo(1);
        });
        Files.delete(config.resolve("catalog/so-xay-dung.yaml"));

        await().atMost(WITHIN).untilAsserted(() -> {
            HttpResponse<byte[]> after = call("/api/v1/services/000.00.36.H99/permit", "{}");
            assertThat(after.statusCode()).isEqualTo(404);
            assertThat(HubTestSupport.json(after).path("code").asText()).isEqualTo("SERVICE_NOT_FOUND");
        });
        HttpResponse<byte[]> finished = inFlight.get();
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(new String(finished.body(), UTF_8)).isEqualTo("{\"ok\":true}");
    }

    @Test
    void anInvalidChangeIsRejectedWholeAndThePreviousCatalogStays() throws IOException {
        long rejectedBefore = opsAudit("CATALOG_REJECTED").size();
        // two files in one change: a valid agency and one naming a connector type nobody provides
        write("so-giao-thong.yaml", agency("000.00.37.H99", "vehicle", "/giao-thong"));
        write("so-cong-thuong.yaml", agency("000.00.38.H99", "market", "/cong-thuong").replace("type: rest", "type: ftp"));

        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(ops("/ops/v1/catalog/status").path("lastError").path("problems")).isNotEmpty());
        JsonNode error = ops("/ops/v1/catalog/status").path("lastError");
        assertThat(error.path("problems")).anySatisfy(p -> {
            assertThat(p.path("file").asText()).isEqualTo("catalog/so-cong-thuong.yaml");
            assertThat(p.path("field").asText()).isEqualTo("services[0].connector.type");
            assertThat(p.path("reason").asText()).startsWith("unknown connector type 'ftp' (known: ");
        });
        assertThat(error.path("message").asText()).startsWith("invalid hub configuration");
        // the valid half of the change is not applied either; what was there still works
        assertThat(call("/api/v1/services/000.00.37.H99/vehicle", "{}").statusCode()).isEqualTo(404);
        assertThat(hub.getBean(vn.lgsp.hub.routes.config.CatalogHolder.class).current()
                .service("NDXP", "citizen-lookup")).isPresent();
        // the rejection is audited before the status shows it
        await().atMost(WITHIN).untilAsserted(() -> assertThat(opsAudit("CATALOG_REJECTED"))
                .hasSizeGreaterThan((int) rejectedBefore)
                .anySatisfy(r -> assertThat(r.detail()).contains("services[0].connector.type")));
        JsonNode readiness = ops("/actuator/health/readiness");
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(ops("/actuator/health").path("components").path("catalogReload").path("details")
                .path("lastError").path("problems").toString()).contains("unknown connector type 'ftp'");

        write("so-cong-thuong.yaml", agency("000.00.38.H99", "market", "/cong-thuong"));

        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode status = ops("/ops/v1/catalog/status");
            assertThat(status.path("lastError").isNull() || status.path("lastError").isMissingNode()).isTrue();
        });
        PROVIDER.stubFor(post(urlPathEqualTo("/giao-thong")).willReturn(aResponse().withStatus(200)));
        assertThat(call("/api/v1/services/000.00.37.H99/vehicle", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void subscriptionsAddedOrRemovedStartOrRetireTheirDeliveryRoutes() throws IOException {
        CamelContext camel = hub.getBean(CamelContext.class);
        String routeId = "delivery:000.00.44.H99>000.00.32.H99/business-registered";
        String subscription = """
                agency: { code: "000.00.44.H99", name: "UBND huyện Xuyên Mộc" }
                subscriptions:
                  - topic: "000.00.32.H99/business-registered"
                    connector: { type: rest, url: "http://127.0.0.1:%d/xuyen-moc/inbox", method: POST, timeout: 2s }
                """.formatted(PROVIDER.port());
        // the topic allows "*", so the new district may subscribe
        write("huyen-xuyen-moc.yaml", subscription);
        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) != null
                && camel.getRouteController().getRouteStatus(routeId).isStarted());
        io.micrometer.core.instrument.MeterRegistry meters = hub.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(meters.find("hub.subscription.backlog")
                .tag("subscriber", "000.00.44.H99").gauge()).as("the new subscription's gauges").isNotNull());
        assertThat(meters.find("hub.subscription.backlog").tag("subscriber", "000.00.44.H99").gauge().value()).isZero();

        Files.delete(config.resolve("catalog/huyen-xuyen-moc.yaml"));

        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) == null);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(meters.find("hub.subscription.suspended")
                .tag("subscriber", "000.00.44.H99").gauges()).as("its gauges are gone").isEmpty());
        // the reload is audited after the listeners retired the route, so the record may follow a moment later
        await().atMost(WITHIN).untilAsserted(() -> assertThat(opsAudit("CATALOG_RELOAD")).anySatisfy(r ->
                assertThat(r.detail()).contains("-000.00.44.H99>000.00.32.H99/business-registered")));
    }

    @Test
    void aPluginJarMovedIntoPluginsServesANewAgencyWithoutRestart() throws IOException {
        Path jar = Path.of(System.getProperty("hub.it.plugin.jar",
                "../plugins/file-connector/target/lgsp-file-connector.jar")).toAbsolutePath().normalize();
        assertThat(jar).as("the example plugin's jar (built by the reactor before routes)").isRegularFile();
        Path drop = Files.createDirectories(config.resolveSibling(config.getFileName() + "-drop"));
        String service = "/api/v1/services/000.00.39.H99/land-dossier";
        // the agency's file first: its connector type is not known yet, so the change is rejected
        write("so-tai-nguyen-tep.yaml", """
                agency: { code: "000.00.39.H99", name: "Chi nhánh Văn phòng đăng ký đất đai (tệp)" }
                services:
                  - code: land-dossier
                    connector: { type: file, dir: "%s", timeout: 5s }
                    allow: ["000.00.01.H99"]
                """.formatted(drop.toString().replace("\\", "/")));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(ops("/ops/v1/catalog/status").path("lastError")
                .path("problems").toString()).contains("unknown connector type 'file'"));

        // the jar copied next to the folder and moved in, so the hub never reads half a jar
        Files.createDirectories(plugins);
        Path copying = Files.copy(jar, config.resolve("lgsp-file-connector.jar.part"));
        Files.move(copying, plugins.resolve("lgsp-file-connector.jar"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        await().atMost(WITHIN).untilAsserted(() -> assertThat(call(service, "{}").statusCode()).isEqualTo(202));
        String body = "{\"chuSuDung\":\"Trần Thị Ánh\",\"diaChi\":\"Xã Hòa Hiệp, huyện Xuyên Mộc\"}";
        HttpResponse<byte[]> answer = call(service, body);
        assertThat(answer.statusCode()).isEqualTo(202);
        String exchangeId = answer.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        assertThat(drop.resolve(exchangeId + ".json")).hasBinaryContent(body.getBytes(UTF_8));
        assertThat(ops("/ops/v1/connector-types").path("types")).anySatisfy(t -> {
            assertThat(t.path("type").asText()).isEqualTo("file");
            assertThat(t.path("origin").asText()).isEqualTo("lgsp-file-connector.jar");
        });
        assertThat(opsAudit("CATALOG_RELOAD")).anySatisfy(r -> assertThat(r.detail())
                .contains("+000.00.39.H99/land-dossier", "connector type 'file' added from lgsp-file-connector.jar"));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(ops("/ops/v1/catalog/status").path("lastError").isNull()
                || ops("/ops/v1/catalog/status").path("lastError").isMissingNode()).isTrue());

        // removing the jar while the catalog still uses its type is rejected whole: the service keeps working
        Files.delete(plugins.resolve("lgsp-file-connector.jar"));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(opsAudit("CATALOG_REJECTED")).anySatisfy(r ->
                assertThat(r.detail()).contains("unknown connector type 'file'",
                        "plugin changes not applied: connector type 'file' removed")));
        assertThat(call(service, "{}").statusCode()).isEqualTo(202);
        assertThat(ops("/ops/v1/connector-types").path("types").findValuesAsText("type")).contains("file");

        // once the agency's file is gone too, the type goes with it and the catalog is valid again
        Files.delete(config.resolve("catalog/so-tai-nguyen-tep.yaml"));
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(ops("/ops/v1/connector-types").path("types").findValuesAsText("type")).doesNotContain("file");
            JsonNode status = ops("/ops/v1/catalog/status");
            assertThat(status.path("lastError").isNull() || status.path("lastError").isMissingNode()).isTrue();
        });
        assertThat(call(service, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void aRemovedSubscriptionKeepsItsMessagesUntilAnOperatorDiscardsThem() throws Exception {
        String subscriber = "000.00.46.H99";
        String topic = "000.00.32.H99/business-registered";
        CamelContext camel = hub.getBean(CamelContext.class);
        String routeId = "delivery:" + subscriber + ">" + topic;
        PROVIDER.stubFor(post(urlPathEqualTo("/dat-do/inbox")).willReturn(aResponse().withStatus(503)));
        write("huyen-dat-do.yaml", """
                agency: { code: "%s", name: "UBND huyện Đất Đỏ" }
                subscriptions:
                  - topic: "%s"
                    connector: { type: rest, url: "http://127.0.0.1:%d/dat-do/inbox", method: POST, timeout: 2s }
                    retry: { max-attempts: 50, initial-backoff: 30s, multiplier: 1.0, max-backoff: 30s }
                """.formatted(subscriber, topic, PROVIDER.port()));
        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) != null
                && camel.getRouteController().getRouteStatus(routeId).isStarted());
        String publisher = token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET);
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> accepted = HubTestSupport.send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + hubPort + "/api/v1/topics/" + topic + "/records"))
                    .header("Authorization", "Bearer " + publisher).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"maDoanhNghiep\":\"031234567" + i
                            + "\",\"tenDoanhNghiep\":\"CÔNG TY TNHH ĐẤT ĐỎ\",\"ngayDangKy\":\"2026-11-20\","
                            + "\"diaChiTruSo\":{\"maTinh\":\"99\",\"maHuyen\":\"990\",\"maXa\":\"99001\","
                            + "\"chiTiet\":\"Số 5 đường Trần Phú\"}}", UTF_8)).build());
            assertThat(accepted.statusCode()).as(new String(accepted.body(), UTF_8)).isEqualTo(202);
        }
        // a record tried once waits 30 s on the broker (scheduled) for its next attempt
        await().atMost(WITHIN).untilAsserted(() -> assertThat(hub.getBean(vn.lgsp.hub.routes.async.RetiredDeliveries.class)
                .open()).anySatisfy(o -> {
                    assertThat(o.subscriber()).isEqualTo(subscriber);
                    assertThat(o.retrying()).isPositive();
                    assertThat(o.pending() + o.retrying()).isEqualTo(3);
                }));
        assertThat(operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber + "&topic=" + topic)
                .statusCode()).as("still in the catalog").isEqualTo(409);

        Files.delete(config.resolve("catalog/huyen-dat-do.yaml"));
        await().atMost(WITHIN).until(() -> camel.getRoute(routeId) == null);

        assertThat(operatorGet("/ops/v1/retired-subscriptions")).anySatisfy(r -> {
            assertThat(r.path("subscriber").asText()).isEqualTo(subscriber);
            assertThat(r.path("topic").asText()).isEqualTo(topic);
            assertThat(r.path("pending").asLong() + r.path("retrying").asLong()).isEqualTo(3);
            assertThat(r.path("queue").asText()).isEqualTo("lgsp.delivery.000.00.46.H99.000.00.32.H99.business-registered");
        });
        HttpResponse<byte[]> invalid = operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(HubTestSupport.json(invalid).path("code").asText()).isEqualTo("INVALID_REQUEST");

        HttpResponse<byte[]> discarded = operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber
                + "&topic=" + topic);

        assertThat(discarded.statusCode()).as(new String(discarded.body(), UTF_8)).isEqualTo(200);
        JsonNode result = HubTestSupport.json(discarded);
        assertThat(result.path("fromQueue").asInt()).isEqualTo(3);
        assertThat(result.path("deliveriesMarked").asInt()).isEqualTo(3);
        assertThat(result.path("left").asLong()).isZero();
        Object[] queues = hub.getBean(vn.lgsp.hub.routes.async.BrokerManagement.class)
                .with(calls -> (Object[]) calls.attribute("broker", "queueNames"));
        assertThat(queues).as("both queues removed").doesNotContain(
                "lgsp.delivery.000.00.46.H99.000.00.32.H99.business-registered",
                "lgsp.dead.000.00.46.H99.000.00.32.H99.business-registered");
        assertThat(operatorGet("/ops/v1/retired-subscriptions").findValuesAsText("subscriber")).doesNotContain(subscriber);
        assertThat(opsAudit("DISCARD")).filteredOn(r -> subscriber.equals(r.subscriber())).hasSize(3)
                .allSatisfy(r -> assertThat(r.consumer()).isEqualTo(TestCatalog.OPERATOR));
        assertThat(operatorPost("/ops/v1/retired-subscriptions:discard?subscriber=" + subscriber + "&topic=" + topic)
                .statusCode()).as("nothing left to discard").isEqualTo(404);
    }
}
