package vn.lgsp.hub.routes.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.privacy.PayloadVault;
import vn.lgsp.hub.routes.HubApplication;

/**
 * {@code hub.privacy.store-payloads=true}: request and response bodies land AES-GCM encrypted in
 * {@code audit_payload} (decryptable with the configured key, no plaintext in the table); without a valid
 * {@code hub.privacy.payload-key} the hub does not start. Also: an absent subject-key secret is generated into
 * its file. Each hub here is its own application context on its own ports, closed by the test.
 */
class PayloadStorageTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final WireMockServer PROVIDER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private static final byte[] PAYLOAD_KEY = "payload-key-of-the-tests-32bytes".getBytes(UTF_8);
    private static final String CCCD = "079203006666";

    @TempDir
    Path work;

    @BeforeAll
    static void startProvider() {
        PROVIDER.start();
        PROVIDER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"CongDan\":{\"SoDinhDanh\":\"" + CCCD + "\",\"HoVaTen\":\"Trần Thị Lan\"}}")));
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @Test
    void storesRequestAndResponseEncryptedWhenEnabled() throws IOException {
        int hubPort = freePort();
        Path keyFile = work.resolve("data/subject-key");
        List<String> args = args(hubPort, "--hub.privacy.store-payloads=true",
                "--hub.privacy.payload-key=" + Base64.getEncoder().encodeToString(PAYLOAD_KEY),
                "--hub.privacy.subject-key-file=" + keyFile);
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class)
                .run(args.toArray(String[]::new))) {
            String request = "{\"SoDinhDanh\":\"" + CCCD + "\",\"HoVaTen\":\"Trần Thị Lan\"}";
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort
                            + "/api/v1/services/NDXP/resident-lookup"))
                    .header("Authorization", "Bearer " + token(hubPort)).header("Content-Type", "application/json")
                    .header("X-Purpose", "TTHC").POST(HttpRequest.BodyPublishers.ofString(request)).build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();

            List<PayloadVault.Payload> stored = new PayloadVault(hub.getBean(DataSource.class), PAYLOAD_KEY)
                    .read(exchangeId);
            assertThat(stored).extracting(PayloadVault.Payload::direction)
                    .containsExactly(PayloadVault.Direction.REQUEST, PayloadVault.Direction.RESPONSE);
            assertThat(new String(stored.get(0).body(), UTF_8)).isEqualTo(request);
            assertThat(new String(stored.get(1).body(), UTF_8)).isEqualTo(response.body());
            JdbcTemplate jdbc = new JdbcTemplate(hub.getBean(DataSource.class));
            List<byte[]> raw = jdbc.queryForList("SELECT ciphertext FROM audit_payload", byte[].class);
            assertThat(raw).hasSize(2).allSatisfy(c -> assertThat(new String(c, UTF_8))
                    .doesNotContain(CCCD, "Lan", "SoDinhDanh"));
            assertThat(Base64.getDecoder().decode(Files.readString(keyFile).trim())).hasSize(32);
        }
    }

    @Test
    void refusesToStartWithoutAValidPayloadKey() {
        assertThat(startupFailure(args(freePort(), "--hub.privacy.store-payloads=true")))
                .contains("hub.privacy.payload-key");
        assertThat(startupFailure(args(freePort(), "--hub.privacy.store-payloads=true",
                "--hub.privacy.payload-key=" + Base64.getEncoder().encodeToString(new byte[16]))))
                .contains("hub.privacy.payload-key", "32 bytes");
    }

    private List<String> args(int hubPort, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--hub.catalog.dir=" + config(),
                "--hub.http.host=127.0.0.1",
                "--hub.http.port=" + hubPort, "--hub.soap.port=" + freePort(),
                "--server.port=" + freePort(),
                "--hub.token.signing-key=" + Base64.getEncoder().encodeToString(Secrets.newSigningKey()),
                "--hub.privacy.subject-key=" + Base64.getEncoder().encodeToString(new byte[32]),
                "--spring.datasource.url=jdbc:h2:mem:payloads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--spring.artemis.embedded.persistent=false"));
        args.addAll(List.of(extra));
        if (args.stream().anyMatch(a -> a.startsWith("--hub.privacy.subject-key-file="))) {
            args.removeIf(a -> a.startsWith("--hub.privacy.subject-key="));
        }
        return args;
    }

    /** The root cause message of a failed start. */
    private static String startupFailure(List<String> args) {
        try {
            new SpringApplicationBuilder(HubApplication.class).run(args.toArray(String[]::new)).close();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getMessage();
        }
        return fail("the hub started");
    }

    private Path config() {
        try {
            Path dir = Files.createDirectories(work.resolve("config-" + UUID.randomUUID()));
            Files.createDirectories(dir.resolve("catalog"));
            Files.writeString(dir.resolve("catalog/consumer.yaml"), """
                    agency: { code: "000.00.10.H99", name: "Sở Y tế" }
                    clients:
                      - { id: payload-consumer, secret: "%s" }
                    """.formatted(Secrets.bcrypt("payload-consumer-secret")));
            Files.writeString(dir.resolve("catalog/ndxp.yaml"), """
                    agency: { code: "NDXP", name: "Nền tảng NDXP" }
                    services:
                      - code: resident-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%d/cuTru", method: POST, timeout: 5s }
                        personal-data: { subject: "$.SoDinhDanh", purposes: [TTHC] }
                        allow: ["000.00.10.H99"]
                    """.formatted(PROVIDER.port()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(int hubPort) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=payload-consumer&client_secret=payload-consumer-secret"))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
