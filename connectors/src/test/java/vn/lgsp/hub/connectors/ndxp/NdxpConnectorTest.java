package vn.lgsp.hub.connectors.ndxp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.connectors.rest.RestProviderConnector;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProbeResult;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/** The ndxp connector against WireMock acting as NDXP: tokens, 401 refresh, national errors, timeouts. */
class NdxpConnectorTest {

    static final String PATH = "/apiCSDLDanCu/1.0/traCuuThongTinCongDan";
    static final String KEY = "hub-consumer-key";
    static final String SECRET = "hub-consumer-secret-XYZ";
    static final String BASIC = "Basic " + java.util.Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(UTF_8));
    static final String NDXP_ERROR = "{ \"error_code\": 201, \"message\": \"RECORD_NOT_FOUND: Không tìm thấy thông tin công dân\" }";
    static final ObjectMapper JSON = new ObjectMapper();
    static WireMockServer ndxp;
    final List<ProviderConnector> opened = new ArrayList<>();
    final MovableClock clock = new MovableClock();

    @BeforeAll
    static void start() {
        ndxp = new WireMockServer(options().dynamicPort());
        ndxp.start();
    }

    @AfterAll
    static void stop() {
        ndxp.stop();
    }

    @BeforeEach
    void reset() {
        ndxp.resetAll();
    }

    @AfterEach
    void close() {
        opened.forEach(ProviderConnector::close);
    }

    /** A clock tests move forward. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T06:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    static Map<String, Object> properties(String url, Object... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("url", url);
        p.put("path", PATH);
        p.put("consumer-key", KEY);
        p.put("consumer-secret", SECRET);
        p.put("method", "POST");
        p.put("timeout", "2s");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    ProviderConnector connector(Object... keyValues) {
        return connectorAt(ndxp.baseUrl(), keyValues);
    }

    ProviderConnector connectorAt(String url, Object... keyValues) {
        List<vn.lgsp.hub.core.connector.ConnectorConfigProblem> problems = new ArrayList<>();
        NdxpConnectorConfig config = NdxpConnectorConfig.read(new ConnectorSpec("ndxp", properties(url, keyValues)), problems);
        assertThat(problems).isEmpty();
        ProviderConnector c = new NdxpProviderConnector(config, new RestProviderConnector(config.api()),
                new RestProviderConnector(config.token()), clock);
        opened.add(c);
        return c;
    }

    static void tokens(String... values) {
        String state = Scenario.STARTED;
        for (int i = 0; i < values.length; i++) {
            String next = i + 1 < values.length ? "token-" + (i + 1) : "token-" + i;
            ndxp.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(state)
                    .withHeader("Authorization", equalTo(BASIC))
                    .withRequestBody(equalTo("grant_type=client_credentials"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody("{\"access_token\":\"" + values[i] + "\",\"scope\":\"default\","
                                    + "\"token_type\":\"Bearer\",\"expires_in\":120}"))
                    .willSetStateTo(next));
            state = next;
        }
    }

    static ProviderRequest lookup() {
        return new ProviderRequest("POST", "", null, Map.of("Content-Type", List.of("application/json"),
                "X-Hub-Exchange-Id", List.of("0193a0b0-0000-7000-8000-000000000001")),
                "{\"SoDinhDanh\":\"001099000001\"}".getBytes(UTF_8));
    }

    static ProviderResponse call(ProviderConnector c) throws Exception {
        return c.send(lookup()).get(10, TimeUnit.SECONDS);
    }

    static ConnectorFailure failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(ConnectorFailure.class);
        return (ConnectorFailure) e.getCause();
    }

    @Test
    void fetchesOneTokenAndReusesItUntilShortlyBeforeExpiry() throws Exception {
        tokens("tok-1", "tok-2");
        ndxp.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("{\"HoVaTen\":\"Nguyễn Văn An\"}")));
        ProviderConnector c = connector();

        assertThat(new String(call(c).body(), UTF_8)).contains("Nguyễn Văn An");
        call(c);
        clock.advance(Duration.ofSeconds(59)); // expires_in 120, renewed 60 s before: still fresh
        call(c);
        ndxp.verify(1, postRequestedFor(urlEqualTo("/token")));
        ndxp.verify(3, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer tok-1")));

        clock.advance(Duration.ofSeconds(2)); // 61 s: within the refresh margin
        call(c);
        ndxp.verify(2, postRequestedFor(urlEqualTo("/token")));
        ndxp.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    void concurrentCallsShareOneTokenRequest() throws Exception {
        ndxp.stubFor(post("/token").willReturn(aResponse().withFixedDelay(300).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-shared\",\"expires_in\":3600}")));
        ndxp.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("{}")));
        ProviderConnector c = connector();
        List<CompletableFuture<ProviderResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(c.send(lookup()));
        }
        for (CompletableFuture<ProviderResponse> f : calls) {
            assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        ndxp.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void a401RefreshesTheTokenOnceAndRetriesTheCallOnce() throws Exception {
        tokens("tok-old", "tok-new");
        ndxp.stubFor(post(PATH).withHeader("Authorization", equalTo("Bearer tok-old"))
                .willReturn(aResponse().withStatus(401).withBody("{\"fault\":\"Invalid Credentials\"}")));
        ndxp.stubFor(post(PATH).withHeader("Authorization", equalTo("Bearer tok-new"))
                .willReturn(aResponse().withStatus(200).withBody("{\"HoVaTen\":\"Trần Thị Bình\"}")));
        ProviderConnector c = connector();

        ProviderResponse response = call(c);

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), UTF_8)).contains("Trần Thị Bình");
        ndxp.verify(2, postRequestedFor(urlEqualTo("/token")));
        ndxp.verify(2, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalTo("{\"SoDinhDanh\":\"001099000001\"}")));
        call(c); // the new token is cached
        ndxp.verify(2, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void aSecond401IsFinalAndBecomesProviderUnavailable() throws Exception {
        tokens("tok-a", "tok-b", "tok-c");
        ndxp.stubFor(post(PATH).willReturn(aResponse().withStatus(401)));
        ProviderResponse response = call(connector());

        assertThat(response.status()).isEqualTo(502);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(problem.path("detail").asText()).contains("refused the hub's access token");
        ndxp.verify(2, postRequestedFor(urlEqualTo("/token")));
        ndxp.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aNationalErrorBecomesAProblemKeepingTheNationalCode() throws Exception {
        tokens("tok-1");
        ndxp.stubFor(post(PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(NDXP_ERROR.getBytes(UTF_8))));
        ProviderResponse response = call(connector());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().get("Content-Type")).containsExactly("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(problem.path("type").asText()).isEqualTo("urn:lgsp-hub:problem:not-found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("nationalCode").asText()).isEqualTo("201");
        assertThat(problem.path("nationalMessage").asText()).isEqualTo("RECORD_NOT_FOUND: Không tìm thấy thông tin công dân");
        assertThat(problem.path("exchangeId").asText()).isEqualTo("0193a0b0-0000-7000-8000-000000000001");
    }

    @Test
    void nationalCodesAreMappedByTableThenMessageThenHttpStatus() throws Exception {
        tokens("tok-1");
        ProviderConnector c = connector("error-codes", Map.of(305, "RATE_LIMITED"));
        Map<String, Object[]> cases = Map.of( // national answer -> {NDXP status, hub status, hub code}
                "{\"error_code\":305,\"message\":\"Vượt hạn mức\"}", new Object[] {500, 429, "RATE_LIMITED"},
                "{\"error_code\":\"E400\",\"message\":\"INVALID_PARAM: thiếu SoDinhDanh\"}", new Object[] {200, 400, "INVALID_REQUEST"},
                "{\"error_code\":99,\"message\":\"lỗi\"}", new Object[] {404, 404, "NOT_FOUND"},
                "{\"error_code\":98,\"message\":\"lỗi hệ thống\"}", new Object[] {500, 502, "PROVIDER_FAULT"},
                "{\"error_code\":96,\"message\":\"bảo trì\"}", new Object[] {503, 502, "PROVIDER_UNAVAILABLE"},
                "{\"error_code\":97,\"message\":\"quá thời gian\"}", new Object[] {504, 504, "PROVIDER_TIMEOUT"});
        for (Map.Entry<String, Object[]> e : cases.entrySet()) {
            ndxp.stubFor(post(PATH).willReturn(aResponse().withStatus((int) e.getValue()[0]).withBody(e.getKey())));
            ProviderResponse response = call(c);
            assertThat(response.status()).as(e.getKey()).isEqualTo(e.getValue()[1]);
            assertThat(JSON.readTree(response.body()).path("code").asText()).as(e.getKey()).isEqualTo(e.getValue()[2]);
        }
    }

    @Test
    void successAnswersAndErrorCodeZeroPassUnchanged() throws Exception {
        tokens("tok-1");
        byte[] ok = "{\"error_code\":0,\"message\":\"OK\",\"data\":{\"HoVaTen\":\"Lê Văn Cường\"}}".getBytes(UTF_8);
        ndxp.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody(ok)));
        assertThat(call(connector()).body()).isEqualTo(ok);
    }

    @Test
    void tokenEndpointDownIsUnavailableNamingTheTokenEndpoint() throws Exception {
        int dead = freePort();
        ProviderConnector c = connectorAt(ndxp.baseUrl(), "token-url", "http://127.0.0.1:" + dead + "/token");
        ConnectorFailure f = failure(c.send(lookup()));
        assertThat(f.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE);
        assertThat(f.getMessage()).startsWith("NDXP token endpoint 127.0.0.1:" + dead).contains("refused")
                .doesNotContain(KEY, SECRET);
        ndxp.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void refusedCredentialsAreUnavailableWithoutEchoingThem() throws Exception {
        ndxp.stubFor(post("/token").willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret " + SECRET + "\"}")));
        ConnectorFailure f = failure(connector().send(lookup()));
        assertThat(f.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE);
        assertThat(f.getMessage()).contains("refused the hub's consumer key/secret (HTTP 401, invalid_client)")
                .doesNotContain(KEY, SECRET);
    }

    @Test
    void aTokenAnswerWithoutTokenIsUnavailable() {
        ndxp.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody("{\"token_type\":\"Bearer\"}")));
        assertThat(failure(connector().send(lookup())).getMessage()).contains("without an access_token");
    }

    @Test
    void aSlowNationalApiTimesOut() {
        tokens("tok-1");
        ndxp.stubFor(post(PATH).willReturn(aResponse().withFixedDelay(2000).withStatus(200)));
        ConnectorFailure f = failure(connector("timeout", "300ms").send(lookup()));
        assertThat(f.kind()).isEqualTo(ConnectorFailure.Kind.TIMEOUT);
    }

    @Test
    void aSlowTokenEndpointIsUnavailable() {
        ndxp.stubFor(post("/token").willReturn(aResponse().withFixedDelay(2000).withBody("{\"access_token\":\"x\"}")));
        ConnectorFailure f = failure(connector("token-timeout", "300ms").send(lookup()));
        assertThat(f.kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE);
        assertThat(f.getMessage()).startsWith("NDXP token endpoint").contains("300 ms");
    }

    @Test
    void probeChecksCredentialsThenTheNationalPath() throws Exception {
        tokens("tok-1");
        ndxp.stubFor(head(urlEqualTo(PATH)).willReturn(aResponse().withStatus(405)));
        ProbeResult ok = connector().probe().get(10, TimeUnit.SECONDS);
        assertThat(ok.outcome()).isEqualTo(ProbeResult.Outcome.OK);
        assertThat(ok.status()).isEqualTo(405);

        ndxp.resetAll();
        ndxp.stubFor(post("/token").willReturn(aResponse().withStatus(401)));
        ProbeResult refused = connector().probe().get(10, TimeUnit.SECONDS);
        assertThat(refused.outcome()).isEqualTo(ProbeResult.Outcome.CREDENTIALS_REJECTED);
        assertThat(refused.detail()).doesNotContain(SECRET);

        ProbeResult down = connectorAt("http://127.0.0.1:" + freePort()).probe().get(10, TimeUnit.SECONDS);
        assertThat(down.outcome()).isEqualTo(ProbeResult.Outcome.UNAVAILABLE);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
