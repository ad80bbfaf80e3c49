package vn.lgsp.hub.routes.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static vn.lgsp.hub.routes.support.HubTestSupport.freePort;
import static vn.lgsp.hub.routes.support.HubTestSupport.json;
import static vn.lgsp.hub.routes.support.HubTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.routes.HubApplication;

/**
 * A few sync flows (one call, one 403, one 422) with the audit store on a real PostgreSQL server instead of
 * H2: Flyway's schema, the inserts and the Vietnamese text must all work there too. Its own context and ports
 * (not {@code HubTestSupport}'s shared one), closed after the class; then {@link StopServers} stops the
 * database and the provider (declared before the Spring extension, so its after-all runs after it).
 */
@ExtendWith(SyncCallOnPostgresTest.StopServers.class)
@CamelSpringBootTest
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SyncCallOnPostgresTest {

    private static final String CITIZEN = "/api/v1/services/NDXP/citizen-lookup";
    private static final String CONSUMER = "000.00.01.H99";
    private static final String CONSUMER_CLIENT = "pg-consumer";
    private static final String CONSUMER_SECRET = "pg-consumer-secret";
    private static final String OTHER = "000.00.31.H99";
    private static final String OTHER_CLIENT = "pg-stp-app";
    private static final String OTHER_SECRET = "pg-stp-app-secret";
    private static final EmbeddedPostgres POSTGRES;
    private static final WireMockServer PROVIDER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private static final int HUB_PORT;
    private static final Path CONFIG;
    private static final String SIGNING_KEY = Base64.getEncoder().encodeToString(Secrets.newSigningKey());

    static {
        try {
            POSTGRES = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
        PROVIDER.start();
        HUB_PORT = freePort();
        CONFIG = writeConfig(PROVIDER.port());
    }

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void postgresAndPorts(DynamicPropertyRegistry registry) {
        registry.add("hub.http.port", () -> HUB_PORT);
        registry.add("hub.soap.port", () -> freePort());
        registry.add("hub.http.host", () -> "127.0.0.1");
        registry.add("hub.catalog.dir", CONFIG::toString);
        registry.add("hub.token.signing-key", () -> SIGNING_KEY);
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.artemis.embedded.persistent", () -> "false");
    }

    @BeforeEach
    void resetProvider() {
        PROVIDER.resetAll();
    }

    @Test
    void theAuditStoreIsThePostgresServer() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getMetaData().getURL())
                    .startsWith("jdbc:postgresql://localhost:" + POSTGRES.getPort() + "/postgres");
        }
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isPositive();
    }

    @Test
    void forwardsACallWithVietnameseTextAndAuditsItInPostgres() {
        byte[] request = "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"PG-1\",\"HoVaTen\":\"Nguyễn Thị Mai — Đắk Lắk\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] answer = "{\"error_code\":0,\"ChiTiet\":\"Số 12 đường Hoàng Hoa Thám, phường Ngọc Hà\"}"
                .getBytes(StandardCharsets.UTF_8);
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(answer)));

        HttpResponse<byte[]> response = citizenCall(token(CONSUMER_CLIENT, CONSUMER_SECRET),
                request, "req-pg-0001");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(answer);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("Hoàng Hoa Thám");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/apiCSDLDanCu/1.0/traCuu")).withRequestBody(binaryEqualTo(request)));
        Map<String, Object> row = auditRow(response);
        assertThat(row).containsEntry("kind", "CALL").containsEntry("status", 200)
                .containsEntry("consumer", CONSUMER).containsEntry("provider", "NDXP")
                .containsEntry("service", "citizen-lookup").containsEntry("request_id", "req-pg-0001")
                .containsEntry("request_bytes", (long) request.length)
                .containsEntry("response_bytes", (long) answer.length);
    }

    @Test
    void refusesAClientNotOnTheAllowListAndAuditsItInPostgres() {
        HttpResponse<byte[]> response = citizenCall(token(OTHER_CLIENT, OTHER_SECRET),
                "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"PG-2\"}".getBytes(StandardCharsets.UTF_8), null);

        assertProblem(response, 403, "ACCESS_DENIED");
        assertThat(auditRow(response)).containsEntry("kind", "REJECT").containsEntry("code", "ACCESS_DENIED")
                .containsEntry("status", 403).containsEntry("consumer", OTHER);
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesABodyFailingTheSchemaAndAuditsItInPostgres() {
        HttpResponse<byte[]> response = citizenCall(token(CONSUMER_CLIENT, CONSUMER_SECRET),
                "{\"SoDinhDanh\":\"12AB\",\"MaYeuCau\":\"PG-3\",\"HoVaTen\":\"Trần Thị Lan\"}"
                        .getBytes(StandardCharsets.UTF_8), null);

        JsonNode problem = assertProblem(response, 422, "VALIDATION_FAILED");
        assertThat(problem.path("detail").asText()).contains("$.SoDinhDanh");
        assertThat(auditRow(response)).containsEntry("kind", "REJECT").containsEntry("code", "VALIDATION_FAILED")
                .containsEntry("status", 422);
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    /** The one audit row of the answer's exchange, read with SQL straight from PostgreSQL. */
    private Map<String, Object> auditRow(HttpResponse<byte[]> response) {
        String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        assertThat(jdbc.queryForObject("select count(*) from audit_record where exchange_id = ?", Integer.class,
                exchangeId)).isEqualTo(1);
        return jdbc.queryForMap("select kind, status, code, consumer, provider, service, request_id, request_bytes, "
                + "response_bytes from audit_record where exchange_id = ?", exchangeId);
    }

    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("exchangeId").asText())
                .isEqualTo(response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow());
        return problem;
    }

    private static HttpResponse<byte[]> citizenCall(String token, byte[] body, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub(CITIZEN)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8").header("X-Purpose", "TTHC")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return send(request.build());
    }

    private static String token(String clientId, String secret) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(hub("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build());
        assertThat(response.statusCode()).as("token for %s", clientId).isEqualTo(200);
        return json(response).path("access_token").asText();
    }

    private static URI hub(String path) {
        return URI.create("http://127.0.0.1:" + HUB_PORT + path);
    }

    /** A small configuration folder: the consumer, a department not on the allow-list, and NDXP's service. */
    private static Path writeConfig(int providerPort) {
        try {
            Path dir = Files.createTempDirectory("lgsp-pg-config");
            Files.createDirectories(dir.resolve("catalog"));
            Files.createDirectories(dir.resolve("schemas"));
            Files.copy(Path.of("../config/schemas/citizen-lookup.request.json"),
                    dir.resolve("schemas/citizen-lookup.request.json"));
            Files.writeString(dir.resolve("catalog/consumer.yaml"), """
                    agency: { code: "%s", name: "Văn phòng UBND tỉnh (kiểm thử)" }
                    clients:
                      - { id: %s, secret: "%s" }
                    """.formatted(CONSUMER, CONSUMER_CLIENT, Secrets.bcrypt(CONSUMER_SECRET)));
            Files.writeString(dir.resolve("catalog/stp.yaml"), """
                    agency: { code: "%s", name: "Sở Tư pháp" }
                    clients:
                      - { id: %s, secret: "%s" }
                    """.formatted(OTHER, OTHER_CLIENT, Secrets.bcrypt(OTHER_SECRET)));
            Files.writeString(dir.resolve("catalog/ndxp.yaml"), """
                    agency: { code: "NDXP", name: "Nền tảng NDXP" }
                    services:
                      - code: citizen-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%d/apiCSDLDanCu/1.0/traCuu", method: POST, timeout: 5s }
                        request-schema: schemas/citizen-lookup.request.json
                        allow: ["%s"]
                    """.formatted(providerPort, CONSUMER));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops PostgreSQL and the provider once the class's Spring context is closed. */
    static final class StopServers implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            PROVIDER.stop();
            POSTGRES.close();
        }
    }

}
