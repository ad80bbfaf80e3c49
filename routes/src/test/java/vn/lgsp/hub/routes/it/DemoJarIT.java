package vn.lgsp.hub.routes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * The runnable jar as a newcomer meets it: {@code java -jar lgsp-hub.jar --spring.profiles.active=demo} in a
 * folder holding a copy of {@code config/}, then the demo calls over plain HTTP, then the operator's audit view.
 * Run by Failsafe after {@code package}; the jar path comes from the {@code hub.jar} system property.
 */
class DemoJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CITIZEN = "/api/v1/services/NDXP/citizen-lookup";
    private static final String API_KEY = "demo-consumer-api-key-for-local-testing-only";

    /** The hub's working folder, under target/ and kept when a test fails (its data/ helps to see why). */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS, factory = UnderTarget.class)
    static Path work;
    private static Path log;
    private static Process hub;
    private static int hubPort;
    private static int opsPort;
    private static int soapPort;

    @BeforeAll
    static void startTheJar() throws IOException {
        Path jar = Path.of(System.getProperty("hub.jar", "target/lgsp-hub.jar")).toAbsolutePath();
        Path config = Path.of(System.getProperty("hub.config.dir", "../config")).toAbsolutePath().normalize();
        assertThat(jar).as("the repackaged jar (built by 'mvn package')").isRegularFile();
        assertThat(config.resolve("catalog")).as("the repository's config folder").isDirectory();
        copyTree(config, work.resolve("config"));
        // the demo providers' ports are fixed in the shipped catalog; the copy gets free ones so the test
        // does not depend on 18181/18182 being free on the machine
        int ndxpPort = freePort();
        int departmentPort = freePort();
        movePort(work.resolve("config/catalog"), 18181, ndxpPort);
        movePort(work.resolve("config/catalog"), 18182, departmentPort);
        log = Files.createDirectories(logDir()).resolve("hub.log");
        hubPort = freePort();
        opsPort = freePort();
        soapPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        hub = new ProcessBuilder(java, "-jar", jar.toString(), "--spring.profiles.active=demo",
                "--hub.http.port=" + hubPort, "--server.port=" + opsPort, "--hub.soap.port=" + soapPort,
                "--hub.demo.ndxp-port=" + ndxpPort, "--hub.demo.department-port=" + departmentPort)
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!hub.isAlive()) {
                            throw new IllegalStateException("the hub exited with code " + hub.exitValue()
                                    + "; log tail:\n" + logTail());
                        }
                        return HTTP.send(HttpRequest.newBuilder(ops("/actuator/health/readiness")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the hub was not ready within 120 s; log tail (" + log + "):\n" + logTail(), e);
        }
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
    void servesTheConsoleFromTheJar() {
        HttpResponse<String> login = send(HttpRequest.newBuilder(ops("/console/login")).build());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(login.body()).contains("/console/assets/js/login.js", "Đăng nhập");
        assertThat(send(HttpRequest.newBuilder(ops("/console/assets/js/app.js")).build()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(ops("/console/")).build()).statusCode())
                .as("the console itself needs a login").isEqualTo(302);
    }

    @Test
    void issuesABearerTokenForTheDemoClient() {
        HttpResponse<String> response = tokenResponse("demo-consumer", "demo-secret");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("access_token").asText()).isNotBlank();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isPositive();
    }

    @Test
    void looksUpACitizenAtTheDemoNdxpAndAuditsTheCall() throws IOException {
        HttpResponse<String> response = citizenCall("Bearer " + token("demo-consumer", "demo-secret"), sample());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Hoàng Hoa Thám", "Nguyễn");
        assertThat(json(response).path("CongDan").path("HoVaTen").path("Ho").asText()).isEqualTo("Nguyễn");
        assertThat(response.headers().firstValue("X-Request-Id")).get().asString().isNotBlank();
        String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();

        assertThat(audit(exchangeId)).singleElement().satisfies(r -> {
            assertThat(r.path("kind").asText()).isEqualTo("CALL");
            assertThat(r.path("status").asInt()).isEqualTo(200);
            assertThat(r.path("consumer").asText()).isEqualTo("000.00.01.H99");
            assertThat(r.path("provider").asText()).isEqualTo("NDXP");
            assertThat(r.path("service").asText()).isEqualTo("citizen-lookup");
        });
    }

    @Test
    void aRestConsumerCallsTheSoapCivilStatusProviderWithJson() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        hub("/api/v1/services/000.00.31.H99/civil-status-lookup"))
                .header("Authorization", "Bearer " + token("demo-consumer", "demo-secret"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"soDinhDanh\":\"077190001234\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("hoTen").asText()).isEqualTo("Nguyễn Thị Mai");
        assertThat(json(response).path("coQuanDangKy").asText()).isEqualTo("UBND phường 1");
    }

    @Test
    void aSoapConsumerWithAUsernameTokenGetsTheProvidersBody() {
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + soapPort + "/soap/v1/hub?wsdl"))
                .build()).body()).contains("CallService", "PublishRecord");
        String envelope = """
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:hub="urn:lgsp-hub:soap:v1">
                  <s:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
                    <wsse:UsernameToken><wsse:Username>demo-consumer</wsse:Username><wsse:Password>demo-secret</wsse:Password>
                    </wsse:UsernameToken></wsse:Security></s:Header>
                  <s:Body><hub:CallService><hub:provider>000.00.31.H99</hub:provider><hub:service>civil-status-lookup</hub:service>
                    <hub:payload><hub:xml><ht:TraCuuKhaiSinh xmlns:ht="urn:example:stp:hotich:v1">
                      <ht:soDinhDanh>077190001234</ht:soDinhDanh></ht:TraCuuKhaiSinh></hub:xml></hub:payload>
                  </hub:CallService></s:Body>
                </s:Envelope>""";
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + soapPort + "/soap/v1/hub"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("CallServiceResponse", "TraCuuKhaiSinhResponse", "Nguyễn Thị Mai");
    }

    @Test
    void looksUpABusinessWithTheApiKey() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                hub("/api/v1/services/000.00.32.H99/business-lookup/3599001234")).header("X-API-Key", API_KEY).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("BIỂN XANH");
        assertThat(audit(response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow()))
                .singleElement().satisfies(r -> assertThat(r.path("kind").asText()).isEqualTo("CALL"));
    }

    @Test
    void refusesAClientNotOnTheAllowList() throws IOException {
        assertRejected(citizenCall("Bearer " + token("stp-app", "demo-stp-secret"), sample()), 403, "ACCESS_DENIED");
    }

    @Test
    void refusesACallWithoutToken() throws IOException {
        assertRejected(citizenCall(null, sample()), 401, "AUTH_REQUIRED");
    }

    @Test
    void refusesABodyFailingTheSchema() {
        byte[] bad = "{\"SoDinhDanh\":\"12AB\",\"MaYeuCau\":\"R1\"}".getBytes(StandardCharsets.UTF_8);
        assertRejected(citizenCall("Bearer " + token("demo-consumer", "demo-secret"), bad), 422, "VALIDATION_FAILED");
    }

    @Test
    void keepsItsEmbeddedDatabaseAndBrokerUnderDataInTheWorkingFolder() throws IOException {
        assertThat(work.resolve("data/db")).isDirectory();
        try (Stream<Path> files = Files.list(work.resolve("data/db"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("lgsp-hub") && n.endsWith(".db"));
        }
        assertThat(work.resolve("data/artemis")).isDirectory().isNotEmptyDirectory();
    }

    private static void assertRejected(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        assertThat(problem.path("exchangeId").asText()).isEqualTo(exchangeId);
        assertThat(audit(exchangeId)).singleElement().satisfies(r -> {
            assertThat(r.path("kind").asText()).isEqualTo("REJECT");
            assertThat(r.path("code").asText()).isEqualTo(code);
            assertThat(r.path("status").asInt()).isEqualTo(status);
        });
    }

    /** The audit rows of one exchange, read through the operator API as demo-operator. */
    private static List<JsonNode> audit(String exchangeId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(ops("/ops/v1/audit?exchangeId="
                        + URLEncoder.encode(exchangeId, StandardCharsets.UTF_8)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "demo-operator:demo-operator-secret".getBytes(StandardCharsets.UTF_8))).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        json(response).path("items").forEach(items::add);
        return items;
    }

    private static HttpResponse<String> citizenCall(String authorization, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub(CITIZEN)).header("Content-Type", "application/json")
                .header("X-Purpose", "TTHC").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private static HttpResponse<String> tokenResponse(String clientId, String secret) {
        return send(HttpRequest.newBuilder(hub("/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build());
    }

    private static String token(String clientId, String secret) {
        HttpResponse<String> response = tokenResponse(clientId, secret);
        assertThat(response.statusCode()).as("token for %s: %s", clientId, response.body()).isEqualTo(200);
        return json(response).path("access_token").asText();
    }

    private static byte[] sample() throws IOException {
        try (InputStream in = DemoJarIT.class.getResourceAsStream("/samples/citizen-lookup.request.json")) {
            assertThat(in).as("samples/citizen-lookup.request.json on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("calling " + request.uri() + "; hub log tail:\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
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

    /** Rewrites {@code 127.0.0.1:FROM} to {@code 127.0.0.1:TO} in every catalog file of the copy. */
    private static void movePort(Path catalog, int from, int to) throws IOException {
        try (Stream<Path> files = Files.list(catalog)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                Files.writeString(file, text.replace("127.0.0.1:" + from, "127.0.0.1:" + to));
            }
        }
    }

    /** Copies a folder tree (also used by {@link ContainerImageStartIT}). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static final class UnderTarget implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            return Files.createTempDirectory(Files.createDirectories(logDir()), "work-");
        }
    }

    private static Path logDir() {
        return Path.of(System.getProperty("hub.it.log.dir", "target/demo-jar-it")).toAbsolutePath();
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
