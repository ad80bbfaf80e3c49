package vn.lgsp.hub.routes.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.routes.HubApplication;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Base of the edge-protection tests (resilience, quotas, hostile input): one hub of its own (own ports,
 * database and catalog) with the test catalog plus an edge provider ({@code 000.00.51.H99}) whose services
 * declare {@code resilience:} blocks, an edge consumer ({@code 000.00.61.H99}) allowed to call them, and
 * clients with quotas. Subclasses share one Spring context.
 */
@CamelSpringBootTest
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EdgeTestSupport {

    static final String EDGE_PROVIDER = "000.00.51.H99";
    static final String EDGE_CONSUMER = "000.00.61.H99";
    static final String EDGE_CLIENT = "edge-app";
    static final String EDGE_SECRET = "edge-secret";
    static final String RATE_CLIENT = "rate-app";
    static final String RATE_SECRET = "rate-secret";
    static final String DAILY_CLIENT = "daily-app";
    static final String DAILY_SECRET = "daily-secret";
    /** Token failures one address may make per minute in these tests. */
    static final int TOKEN_FAILURES_PER_IP = 20;

    /** A request body must have arrived this long after the request started (slow-client cases). */
    static final String BODY_READ_TIMEOUT = "3s";

    /** Provider of the ordinary services. */
    static final WireMockServer PROVIDER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    /** A provider that hangs: accepts connections and never answers (a minute and more). */
    static final SilentProvider HANGING = new SilentProvider();
    /** Subscriber of the edge subscription (its circuit opens after two failures). */
    static final WireMockServer SUBSCRIBER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    static final int HUB_PORT;
    static final int SOAP_PORT;

    static {
        PROVIDER.start();
        SUBSCRIBER.start();
        HUB_PORT = HubTestSupport.freePort();
        SOAP_PORT = HubTestSupport.freePort();
    }

    @Autowired
    protected AuditStore auditStore;

    @LocalServerPort
    protected int opsPort;

    @DynamicPropertySource
    static void edgeHubProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.http.port", () -> HUB_PORT);
        registry.add("hub.soap.port", () -> SOAP_PORT);
        registry.add("hub.http.host", () -> "127.0.0.1");
        registry.add("hub.catalog.dir", () -> writeCatalog().toString());
        registry.add("hub.async.batch-max-size", () -> "5");
        registry.add("hub.broker.embedded-acceptor", () -> "tcp://127.0.0.1:" + HubTestSupport.freePort());
        registry.add("hub.token.signing-key", () -> TestCatalog.SIGNING_KEY);
        registry.add("hub.privacy.subject-key", () -> TestCatalog.SUBJECT_SECRET);
        registry.add("hub.limits.token-failures-per-ip", () -> TOKEN_FAILURES_PER_IP);
        registry.add("hub.limits.body-read-timeout", () -> BODY_READ_TIMEOUT);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hub-edge-test;DB_CLOSE_DELAY=-1");
        registry.add("spring.artemis.embedded.persistent", () -> "false");
    }

    private static Path writeCatalog() {
        int dead = HubTestSupport.freePort();
        Path dir = TestCatalog.write(PROVIDER.port(), dead, dead, dead, dead);
        try {
            Files.writeString(dir.resolve("catalog/edge-provider.yaml"), """
                    agency: { code: "%1$s", name: "Sở Thông tin và Truyền thông (kiểm thử)" }
                    services:
                      - code: steady-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%2$d/steady", method: POST, timeout: 25s }
                        allow: ["%4$s"]
                      - code: hanging-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%3$d/hang", method: POST, timeout: 90s }
                        resilience: { max-concurrent: 2, timeout: 90s }
                        allow: ["%4$s"]
                      - code: deadline-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%3$d/hang", method: POST, timeout: 90s }
                        resilience: { timeout: 500ms }
                        allow: ["%4$s"]
                      - code: flaky-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%2$d/flaky", method: POST, timeout: 5s }
                        resilience: { window: 4, minimum-calls: 4, failure-rate: 50, open-for: 2s, half-open-calls: 1 }
                        allow: ["%4$s"]
                    subscriptions:
                      - topic: "000.00.32.H99/business-registered"
                        connector: { type: rest, url: "http://127.0.0.1:%5$d/inbox", method: POST, timeout: 2s }
                        retry: { max-attempts: 3, initial-backoff: 100ms, multiplier: 1.0, max-backoff: 100ms }
                        resilience: { window: 2, minimum-calls: 2, failure-rate: 100, open-for: 2s, half-open-calls: 1 }
                    """.formatted(EDGE_PROVIDER, PROVIDER.port(), HANGING.port(), EDGE_CONSUMER, SUBSCRIBER.port()));
            Files.writeString(dir.resolve("catalog/edge-consumer.yaml"), """
                    agency: { code: "%s", name: "UBND huyện Xuyên Mộc (kiểm thử)" }
                    clients:
                      - { id: %s, secret: "%s" }
                      - { id: %s, secret: "%s", quota: { rate: 3/min } }
                      - { id: %s, secret: "%s", quota: { daily: 4 } }
                    """.formatted(EDGE_CONSUMER, EDGE_CLIENT, Secrets.bcrypt(EDGE_SECRET), RATE_CLIENT,
                    Secrets.bcrypt(RATE_SECRET), DAILY_CLIENT, Secrets.bcrypt(DAILY_SECRET)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static URI hub(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + HUB_PORT + pathAndQuery);
    }

    URI ops(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + opsPort + pathAndQuery);
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        return HubTestSupport.send(request);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return HubTestSupport.json(response);
    }

    static String token(String clientId, String secret) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(hub("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build());
        assertThat(response.statusCode()).as("token for %s", clientId).isEqualTo(200);
        return json(response).get("access_token").asText();
    }

    static HttpRequest.Builder postJson(String path, String token, String json) {
        return HttpRequest.newBuilder(hub(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    List<AuditRecord> auditOf(HttpResponse<byte[]> response) {
        String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        return auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 10));
    }

    /** Asserts a problem+json answer with the given status and code, and its REJECT audit record. */
    JsonNode assertRejected(HttpResponse<byte[]> response, int status, String code) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as("status, body: %s", text).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(text).doesNotContain("Exception", "\tat ");
        assertThat(auditOf(response)).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("REJECT");
            assertThat(r.code()).isEqualTo(code);
        });
        return problem;
    }
}
