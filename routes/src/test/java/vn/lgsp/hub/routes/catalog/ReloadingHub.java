package vn.lgsp.hub.routes.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
 * A hub of its own for the hot-reload tests, started before a test class and closed after it: free ports, a
 * configuration folder written by {@link TestCatalog} that it re-reads every 150 ms, an empty {@code plugins/}
 * folder, a WireMock provider, and helpers to change the catalog and to call the hub as a department, an
 * auditor or an operator. Register it with {@code @RegisterExtension static final ReloadingHub HUB = new ReloadingHub();}.
 */
final class ReloadingHub implements BeforeAllCallback, AfterAllCallback {

    private final WireMockServer provider = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private ConfigurableApplicationContext hub;
    private Path config;
    private int hubPort;
    private int opsPort;

    @Override
    public void beforeAll(ExtensionContext context) {
        provider.start();
        int dead = HubTestSupport.freePort();
        config = TestCatalog.write(provider.port(), dead, provider.port(), provider.port(), dead);
        hubPort = HubTestSupport.freePort();
        opsPort = HubTestSupport.freePort();
        hub = new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.catalog.dir=" + config,
                "--hub.plugins.dir=" + plugins(),
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

    @Override
    public void afterAll(ExtensionContext context) {
        if (hub != null) {
            hub.close();
        }
        provider.stop();
    }

    /** The running hub's beans. */
    <T> T bean(Class<T> type) {
        return hub.getBean(type);
    }

    /** The operator port (ops API, console). */
    int opsPort() {
        return opsPort;
    }

    WireMockServer provider() {
        return provider;
    }

    /** The configuration folder (its {@code catalog/} is watched). */
    Path config() {
        return config;
    }

    /** The folder the hub loads connector plugin jars from. */
    Path plugins() {
        return config.resolve("plugins");
    }

    /** Writes {@code catalog/<file>} next to the folder and moves it in, as an editor or a deployment tool would. */
    void write(String file, String yaml) throws IOException {
        Path temp = Files.writeString(config.resolve(file + ".tmp"), yaml);
        Files.move(temp, config.resolve("catalog").resolve(file), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes {@code catalog/<file>}. */
    void delete(String file) throws IOException {
        Files.delete(config.resolve("catalog").resolve(file));
    }

    /** An agency file with one REST service on the provider, callable by the test consumer. */
    String agency(String code, String service, String path) {
        return """
                agency: { code: "%s", name: "Sở Tài nguyên và Môi trường (nạp nóng)" }
                services:
                  - code: %s
                    connector: { type: rest, url: "http://127.0.0.1:%d%s", method: POST, timeout: 5s }
                    allow: ["000.00.01.H99"]
                """.formatted(code, service, provider.port(), path);
    }

    /** POSTs {@code body} to the department API as the test consumer. */
    HttpResponse<byte[]> call(String path, String body) {
        return callAs(token(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET), path, body);
    }

    /** POSTs {@code body} to the department API with a token fetched before. */
    HttpResponse<byte[]> callAs(String token, String path, String body) {
        return HubTestSupport.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8)).build());
    }

    /** An access token of the client credentials {@code client}/{@code secret}. */
    String token(String client, String secret) {
        HttpResponse<byte[]> response = HubTestSupport.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + hubPort + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + client + "&client_secret=" + secret)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return HubTestSupport.json(response).path("access_token").asText();
    }

    /** GET on the operator port as the auditor; must answer 200. */
    JsonNode ops(String path) {
        return ok(operator(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD, path, "GET"));
    }

    /** GET on the operator port as the operator; must answer 200. */
    JsonNode operatorGet(String path) {
        return ok(operator(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD, path, "GET"));
    }

    /** POST without a body on the operator port as the operator. */
    HttpResponse<byte[]> operatorPost(String pathAndQuery) {
        return operator(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD, pathAndQuery, "POST");
    }

    /** The OPS audit records with {@code code}. */
    List<AuditRecord> opsAudit(String code) {
        return hub.getBean(AuditStore.class).find(new AuditQuery(null, null, AuditKind.OPS, null, null, 100))
                .stream().filter(r -> code.equals(r.code())).toList();
    }

    /** Whether the catalog status shows no error of the last reload. */
    boolean reloadedWithoutError() {
        JsonNode lastError = ops("/ops/v1/catalog/status").path("lastError");
        return lastError.isNull() || lastError.isMissingNode();
    }

    private HttpResponse<byte[]> operator(String user, String password, String pathAndQuery, String method) {
        return HubTestSupport.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + pathAndQuery))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode ok(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(200);
        return HubTestSupport.json(response);
    }
}
