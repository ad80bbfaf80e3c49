package vn.lgsp.hub.routes.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.routes.support.HubTestSupport.freePort;
import static vn.lgsp.hub.routes.support.HubTestSupport.json;
import static vn.lgsp.hub.routes.support.HubTestSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.routes.HubApplication;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Suspensions are kept in the database: a hub restarted on the same PostgreSQL database still refuses the
 * suspended service and keeps the suspended subscription's delivery route stopped, until resumed. Then
 * readiness transitions: broker down and database down each fail it (503 with the failing component).
 */
class RouteStateRestartTest {

    private static final String SUB_OK = TestCatalog.SUB_OK + ">" + TestCatalog.PUBLISHER + "/business-registered";
    private static final String SUB_OK_PATH = TestCatalog.SUB_OK + "%3E" + TestCatalog.PUBLISHER + "%3Ebusiness-registered";
    private static final String ROUTE = "delivery:" + TestCatalog.SUB_OK + ">" + TestCatalog.PUBLISHER + "/business-registered";
    private static final WireMockServer PROVIDER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        PROVIDER.start();
    }

    @AfterAll
    static void stop() throws IOException {
        PROVIDER.stop();
        if (postgres != null) {
            postgres.close();
        }
    }

    private static ConfigurableApplicationContext startHub(int hubPort, String configDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", 0);
        p.put("hub.http.port", hubPort);
        p.put("hub.soap.port", freePort());
        p.put("hub.http.host", "127.0.0.1");
        p.put("hub.catalog.dir", configDir);
        p.put("hub.token.signing-key", TestCatalog.SIGNING_KEY);
        p.put("hub.privacy.subject-key", TestCatalog.SUBJECT_SECRET);
        p.put("hub.audit.keystore", configDir + "/audit-keystore.p12");
        p.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "postgres");
        p.put("spring.datasource.hikari.connection-timeout", "1000");
        p.put("spring.artemis.embedded.persistent", "false");
        // as command-line arguments: they win over application.yml (default properties would not)
        return new SpringApplicationBuilder(HubApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static URI ops(ConfigurableApplicationContext hub, String path) {
        return URI.create("http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port") + path);
    }

    private static HttpResponse<byte[]> opsCall(ConfigurableApplicationContext hub, String method, String path) {
        String basic = Base64.getEncoder().encodeToString((TestCatalog.OPERATOR + ":" + TestCatalog.OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(ops(hub, path)).header("Authorization", "Basic " + basic)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String stateOf(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) {
                return n.path("state").asText();
            }
        }
        throw new AssertionError(value + " not listed in " + list);
    }

    @Test
    void suspensionsSurviveARestartAndReadinessFollowsBrokerAndDatabase() throws Exception {
        int hubPort = freePort();
        String config = TestCatalog.write(PROVIDER.port(), freePort(), freePort(), freePort(), freePort()).toString();
        ConfigurableApplicationContext first = startHub(hubPort, config);
        try {
            assertThat(opsCall(first, "POST", "/ops/v1/services/NDXP/citizen-lookup:suspend").statusCode()).isEqualTo(200);
            assertThat(opsCall(first, "POST", "/ops/v1/subscriptions/" + SUB_OK_PATH + ":suspend").statusCode())
                    .isEqualTo(200);
        } finally {
            first.close();
        }

        ConfigurableApplicationContext hub = startHub(hubPort, config);
        try {
            CamelContext camel = hub.getBean(CamelContext.class);
            assertThat(stateOf(json(opsCall(hub, "GET", "/ops/v1/services")), "service", "citizen-lookup"))
                    .isEqualTo("SUSPENDED");
            assertThat(stateOf(json(opsCall(hub, "GET", "/ops/v1/subscriptions")), "id", SUB_OK)).isEqualTo("SUSPENDED");
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
            HttpResponse<byte[]> call = send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + hubPort + "/api/v1/services/NDXP/citizen-lookup"))
                    .header("X-API-Key", TestCatalog.CONSUMER_API_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(call.statusCode()).isEqualTo(503);
            assertThat(json(call).path("code").asText()).isEqualTo("SUSPENDED");

            assertThat(opsCall(hub, "POST", "/ops/v1/services/NDXP/citizen-lookup:resume").statusCode()).isEqualTo(200);
            assertThat(opsCall(hub, "POST", "/ops/v1/subscriptions/" + SUB_OK_PATH + ":resume").statusCode())
                    .isEqualTo(200);
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
            assertThat(send(HttpRequest.newBuilder(ops(hub, "/actuator/health/readiness")).GET().build()).statusCode())
                    .isEqualTo(200);

            hub.getBean(EmbeddedActiveMQ.class).stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<byte[]> readiness = opsCall(hub, "GET", "/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(json(readiness).path("components").path("jms").path("status").asText()).isEqualTo("DOWN");
            });

            postgres.close();
            postgres = null;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<byte[]> readiness = opsCall(hub, "GET", "/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(json(readiness).path("components").path("db").path("status").asText()).isEqualTo("DOWN");
            });
            assertThat(send(HttpRequest.newBuilder(ops(hub, "/actuator/health/liveness")).GET().build()).statusCode())
                    .as("the process itself is alive").isEqualTo(200);
        } finally {
            hub.close();
        }
    }
}
