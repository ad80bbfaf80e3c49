package vn.lgsp.hub.routes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.core.auth.Secrets;

/**
 * The example plugin as an integrator uses it: the real {@code lgsp-hub.jar} started in a folder whose
 * {@code plugins/} holds the built {@code lgsp-file-connector.jar} (not part of the hub jar), plus a file that
 * is not a jar and a second copy of the plugin (a duplicate type). The hub starts, skips the two bad jars
 * with a log line, and a service declared with {@code type: file} drops the request into its folder.
 */
class FilePluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String API_KEY = "file-plugin-it-api-key-0123456789";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    private static Path log;
    private static Path drop;
    private static Process hub;
    private static int hubPort;
    private static int opsPort;

    @BeforeAll
    static void startTheJarWithThePlugin() throws IOException {
        Path jar = Path.of(System.getProperty("hub.jar", "target/lgsp-hub.jar")).toAbsolutePath();
        Path plugin = Path.of(System.getProperty("hub.it.plugin.jar",
                "../plugins/file-connector/target/lgsp-file-connector.jar")).toAbsolutePath().normalize();
        assertThat(jar).as("the repackaged hub jar (mvn package)").isRegularFile();
        assertThat(plugin).as("the example plugin's jar (built by the reactor before routes)").isRegularFile();
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(plugin, plugins.resolve("lgsp-file-connector.jar"));
        Files.copy(plugin, plugins.resolve("zz-copy-of-file-connector.jar"));
        Files.writeString(plugins.resolve("broken.jar"), "this is not a jar");
        drop = Files.createDirectories(work.resolve("drop/so-tai-nguyen"));
        writeConfig(work.resolve("config"));

        log = work.resolve("hub.log");
        hubPort = freePort();
        opsPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        hub = new ProcessBuilder(java, "-jar", jar.toString(), "--hub.http.host=127.0.0.1",
                "--hub.http.port=" + hubPort, "--server.port=" + opsPort, "--hub.soap.port=" + freePort())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> {
                        if (!hub.isAlive()) {
                            throw new IllegalStateException("the hub exited with code " + hub.exitValue()
                                    + "; log:\n" + logText());
                        }
                        return send(HttpRequest.newBuilder(ops("/actuator/health/readiness")).build()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the hub was not ready within 300 s; log:\n" + logText(), e);
        }
    }

    private static void writeConfig(Path config) throws IOException {
        Files.createDirectories(config.resolve("catalog"));
        Files.copy(Path.of(System.getProperty("hub.config.dir", "../config")).resolve("operators.yaml"),
                config.resolve("operators.yaml"));
        Files.writeString(config.resolve("catalog/van-phong.yaml"), """
                agency: { code: "000.00.01.H99", name: "Văn phòng UBND tỉnh" }
                clients:
                  - { id: vp-batch, api-keys: ["{sha256}%s"] }
                """.formatted(Secrets.sha256Hex(API_KEY)), StandardCharsets.UTF_8);
        Files.writeString(config.resolve("catalog/so-tai-nguyen.yaml"), """
                agency: { code: "000.00.35.H99", name: "Sở Tài nguyên và Môi trường" }
                services:
                  - code: land-dossier
                    name: "Nộp hồ sơ đất đai (trao đổi qua tệp)"
                    methods: [POST]
                    connector: { type: file, dir: "%s", timeout: 5s }
                    allow: ["000.00.01.H99"]
                """.formatted(drop.toString().replace("\\", "/")), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopTheJar() throws InterruptedException {
        if (hub != null) {
            hub.destroy();
            if (!hub.waitFor(10, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void thePluginFromPluginsServesAServiceByDroppingTheRequestAsAFile() throws IOException {
        String body = "{\"soThua\":12,\"chuSuDung\":\"Trần Văn Ánh\",\"diaChi\":\"Xã Hòa Hiệp, huyện Xuyên Mộc\"}";

        HttpResponse<String> response = send(HttpRequest.newBuilder(hub("/api/v1/services/000.00.35.H99/land-dossier"))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        assertThat(JSON.readTree(response.body()).path("file").asText()).isEqualTo(exchangeId + ".json");
        assertThat(drop.resolve(exchangeId + ".json")).hasBinaryContent(body.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(drop.resolve(exchangeId + ".meta.json")))
                .contains("\"X-Hub-Consumer\":\"000.00.01.H99\"");
    }

    @Test
    void badPluginJarsAreSkippedWithAReasonAndTheHubStillStarts() throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(ops("/ops/v1/connector-types"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "demo-auditor:demo-auditor-secret".getBytes(StandardCharsets.UTF_8))).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode types = JSON.readTree(response.body());
        assertThat(types.path("types")).anySatisfy(t -> {
            assertThat(t.path("type").asText()).isEqualTo("file");
            assertThat(t.path("origin").asText()).isEqualTo("lgsp-file-connector.jar");
            assertThat(t.path("hasConfigSchema").asBoolean()).isTrue();
        });
        assertThat(types.path("types")).anySatisfy(t -> {
            assertThat(t.path("type").asText()).isEqualTo("rest");
            assertThat(t.path("origin").asText()).isEqualTo("built-in");
        });
        assertThat(types.path("skippedPlugins").findValuesAsText("jar"))
                .containsExactlyInAnyOrder("broken.jar", "zz-copy-of-file-connector.jar");
        assertThat(logText()).contains("Plugin broken.jar skipped: not a readable jar file",
                "Plugin zz-copy-of-file-connector.jar skipped: declares connector type 'file', which is already known",
                "Plugin lgsp-file-connector.jar loaded: connector types [file]");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI hub(String path) {
        return URI.create("http://127.0.0.1:" + hubPort + path);
    }

    private static URI ops(String path) {
        return URI.create("http://127.0.0.1:" + opsPort + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String logText() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
