package vn.lgsp.hub.routes.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.routes.HubApplication;

/**
 * Base of the HTTP-level tests: one hub started on free ports with the test catalog
 * ({@link TestCatalog}), one WireMock provider, and helpers to call the hub as a department or operator.
 * Subclasses share one Spring context (same configuration).
 */
@CamelSpringBootTest
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HubTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final WireMockServer PROVIDER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    /** Subscriber that always accepts (and answers 400 to records whose maDoanhNghiep starts with 4). */
    protected static final WireMockServer SUBSCRIBER_OK = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    /** Subscriber whose stubs each test sets (e.g. 500 a few times, then 200). */
    protected static final WireMockServer SUBSCRIBER_FLAKY = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    /** Port of a subscriber that is down (nothing listens until a test starts a server there). */
    protected static final int SUBSCRIBER_DOWN_PORT;
    protected static final int HUB_PORT;
    protected static final int SOAP_PORT;
    protected static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static {
        PROVIDER.start();
        SUBSCRIBER_OK.start();
        SUBSCRIBER_FLAKY.start();
        SUBSCRIBER_DOWN_PORT = freePort();
        HUB_PORT = freePort();
        SOAP_PORT = freePort();
    }

    @Autowired
    protected AuditStore auditStore;

    @LocalServerPort
    protected int opsPort;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.http.port", () -> HUB_PORT);
        registry.add("hub.soap.port", () -> SOAP_PORT);
        registry.add("hub.http.host", () -> "127.0.0.1");
        registry.add("hub.catalog.dir", () -> TestCatalog.write(PROVIDER.port(), freePort(),
                SUBSCRIBER_OK.port(), SUBSCRIBER_FLAKY.port(), SUBSCRIBER_DOWN_PORT).toString());
        registry.add("hub.async.batch-max-size", () -> "5");
        registry.add("hub.broker.embedded-acceptor", () -> "tcp://127.0.0.1:" + freePort());
        registry.add("hub.token.signing-key", () -> TestCatalog.SIGNING_KEY);
        registry.add("hub.privacy.subject-key", () -> TestCatalog.SUBJECT_SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hub-test;DB_CLOSE_DELAY=-1");
        registry.add("spring.artemis.embedded.persistent", () -> "false");
        // Spring Boot tests turn metrics export off; /actuator/prometheus is part of what the hub serves
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
    }

    @BeforeEach
    void resetProvider() {
        PROVIDER.resetAll();
    }

    /** A free TCP port on loopback (nothing listens on it after this returns). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static URI hub(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + HUB_PORT + pathAndQuery);
    }

    protected URI ops(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + opsPort + pathAndQuery);
    }

    /** Sends a request and reads the whole body (also used by tests with their own hub). */
    public static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Bearer token for a client of the test catalog. */
    protected static String token(String clientId, String secret) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(hub("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build());
        assertThat(response.statusCode()).as("token for %s", clientId).isEqualTo(200);
        return json(response).get("access_token").asText();
    }

    protected static String consumerToken() {
        return token(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The answer body as JSON. */
    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The audit records of the exchange named in the answer's X-Hub-Exchange-Id header. */
    protected List<AuditRecord> auditOf(HttpResponse<byte[]> response) {
        String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        return auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 10));
    }

    /** Asserts a problem+json answer with the given status and code, and its REJECT audit record. */
    protected JsonNode assertRejected(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as("status, body: %s", new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("exchangeId").asText())
                .isEqualTo(response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow());
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("Exception", "\tat ");
        List<AuditRecord> audit = auditOf(response);
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("REJECT");
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.status()).isEqualTo(status);
        });
        return problem;
    }
}
