package vn.lgsp.hub.routes.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.auth.TokenService;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * The hostile-input suite: requests an attacker or a broken client sends to the department API ({@code /token},
 * sync calls, publishing, status, catalog) and to the operator API. Each department case must be answered
 * with a 4xx problem+json carrying the expected code, leave a REJECT audit record, forward nothing (the
 * provider WireMock receives nothing) and leave the hub healthy. Requests are written byte for byte
 * ({@link RawHttp}) so nothing is cleaned up by a client library on the way.
 */
class HostileInputTest extends EdgeTestSupport {

    private static final String CITIZEN = "/api/v1/services/NDXP/citizen-lookup";
    private static final String STEADY = "/api/v1/services/" + EDGE_PROVIDER + "/steady-lookup";
    private static final String RECORDS = "/api/v1/topics/000.00.32.H99/business-registered/records";
    private static final String VALID = "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R1\"}";
    private static final String RECORD = "{\"maDoanhNghiep\":\"0312345678\",\"tenDoanhNghiep\":\"CÔNG TY TNHH BIỂN XANH\","
            + "\"ngayDangKy\":\"2026-11-20\",\"diaChiTruSo\":{\"maTinh\":\"99\",\"maHuyen\":\"990\",\"maXa\":\"99001\","
            + "\"chiTiet\":\"Số 5 đường Trần Phú\"}}";
    private static final byte[] SIGNING_KEY = Base64.getDecoder().decode(TestCatalog.SIGNING_KEY);

    private static String consumerToken;
    private static String edgeToken;
    private static String publisherToken;

    /** One hostile request and the answer it must get. */
    record Case(String name, Supplier<String> head, Supplier<byte[]> body, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void providerWouldAnswer() {
        if (consumerToken == null) {
            consumerToken = token(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);
            edgeToken = token(EDGE_CLIENT, EDGE_SECRET);
            publisherToken = token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET);
        }
        PROVIDER.resetAll();
        PROVIDER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @AfterEach
    void nothingForwardedAndStillHealthy() {
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
        RawHttp.Answer health = RawHttp.send(opsPort, "GET /actuator/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).contains("\"UP\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("departmentCases")
    void departmentApiRejectsAndAudits(Case hostile) {
        RawHttp.Answer answer = RawHttp.send(HUB_PORT, hostile.head().get(), hostile.body().get());
        assertThat(answer.status()).as("%s: %s", hostile.name(), answer.text()).isEqualTo(hostile.status());
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = json(answer.body());
        assertThat(problem.path("code").asText()).isEqualTo(hostile.code());
        assertThat(answer.text()).doesNotContain("Exception", "\tat ", "X-Injected");
        assertThat(answer.headers()).doesNotContainKey("x-injected");
        String exchangeId = answer.header("X-Hub-Exchange-Id");
        assertThat(exchangeId).isNotBlank();
        List<AuditRecord> audit = auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 10));
        assertThat(audit).as("audit of %s", hostile.name()).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("REJECT");
            assertThat(r.code()).isEqualTo(hostile.code());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operatorCases")
    void operatorApiRejects(Case hostile) {
        RawHttp.Answer answer = RawHttp.send(opsPort, hostile.head().get(), hostile.body().get());
        assertThat(answer.status()).as("%s: %s", hostile.name(), answer.text()).isEqualTo(hostile.status());
        assertThat(answer.text()).doesNotContain("Exception", "\tat ");
        if (hostile.code() != null) {
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(json(answer.body()).path("code").asText()).isEqualTo(hostile.code());
            String exchangeId = answer.header("X-Hub-Exchange-Id");
            if (hostile.code().equals("AUTH_REQUIRED")) {
                // a Basic challenge without credentials is not audited (see OperatorRejections)
                assertThat(exchangeId).isNull();
                return;
            }
            assertThat(json(answer.body()).path("exchangeId").asText()).isEqualTo(exchangeId);
            List<AuditRecord> audit = auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 10));
            assertThat(audit).as("audit of %s", hostile.name()).singleElement().satisfies(r -> {
                assertThat(r.kind().name()).isEqualTo("REJECT");
                assertThat(r.code()).isEqualTo(hostile.code());
                assertThat(r.detail()).startsWith("operator port ");
            });
        }
    }

    @Test
    void theOperatorApiCreatesNoSessionForBasicCredentials() {
        RawHttp.Answer answer = RawHttp.send(opsPort, "GET /ops/v1/services HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: " + operator() + "\r\nConnection: close\r\n\r\n", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Set-Cookie")).isNull();
    }

    @Test
    void likeAndSqlMetacharactersInAuditFiltersMatchNothing() {
        for (String filter : List.of("%25", "_", "%27%20OR%20%271%27%3D%271", "000.00.0%25", "%5C", "%27%3B%20DROP%20TABLE%20audit_record%3B--")) {
            RawHttp.Answer answer = RawHttp.send(opsPort, "GET /ops/v1/audit?consumer=" + filter + "&limit=5 HTTP/1.1\r\nHost: hub\r\n"
                    + "Authorization: " + operator() + "\r\nConnection: close\r\n\r\n", null);
            assertThat(answer.status()).as(filter).isEqualTo(200);
            assertThat(json(answer.body()).path("items")).as(filter).isEmpty();
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String operator() {
        return "Basic " + Base64.getEncoder().encodeToString((TestCatalog.OPERATOR + ":" + TestCatalog.OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    // ---- building requests ----

    private static String head(String method, String target, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: hub\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        return head.append("Connection: close\r\n").toString();
    }

    /** A case with a body: Content-Length is computed from the bytes. */
    private static Case with(String name, int status, String code, String method, String target, byte[] body,
                             Supplier<String[]> headers) {
        return new Case(name, () -> head(method, target, headers.get()) + "Content-Length: " + body.length + "\r\n\r\n",
                () -> body, status, code);
    }

    private static Case json(String name, int status, String code, String target, Supplier<String> auth, String body) {
        return with(name, status, code, "POST", target, utf8(body),
                () -> new String[] {"Authorization: " + auth.get(), "Content-Type: application/json"});
    }

    private static Case bare(String name, int status, String code, String method, String target, String... headers) {
        return new Case(name, () -> head(method, target, headers) + "\r\n", () -> null, status, code);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Supplier<String> consumer() {
        return () -> "Bearer " + consumerToken;
    }

    private static Supplier<String> edge() {
        return () -> "Bearer " + edgeToken;
    }

    private static Supplier<String> publisher() {
        return () -> "Bearer " + publisherToken;
    }

    private static String tokenWith(byte[] key, Clock clock, String client, String agency) {
        return new TokenService(key, Duration.ofHours(1), clock).issue(client, agency).accessToken();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String form(String body) {
        return body;
    }

    static Stream<Arguments> departmentCases() {
        List<Case> cases = new ArrayList<>();
        // --- authentication and tokens on the sync path ---
        cases.add(with("no credentials", 401, "AUTH_REQUIRED", "POST", CITIZEN, utf8(VALID),
                () -> new String[] {"Content-Type: application/json"}));
        cases.add(json("garbage bearer token", 401, "AUTH_INVALID", CITIZEN, () -> "Bearer not-a-token", VALID));
        cases.add(json("empty bearer token", 401, "AUTH_INVALID", CITIZEN, () -> "Bearer ", VALID));
        cases.add(json("basic auth on the service API", 401, "AUTH_INVALID", CITIZEN,
                () -> "Basic " + Base64.getEncoder().encodeToString(utf8("test-consumer:demo-secret")), VALID));
        cases.add(json("expired token", 401, "AUTH_INVALID", CITIZEN, () -> "Bearer " + tokenWith(SIGNING_KEY,
                Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC), TestCatalog.CONSUMER_CLIENT,
                TestCatalog.CONSUMER), VALID));
        cases.add(json("token signed with another key", 401, "AUTH_INVALID", CITIZEN, () -> "Bearer " + tokenWith(
                new byte[32], Clock.systemUTC(), TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER), VALID));
        cases.add(json("token with alg none", 401, "AUTH_INVALID", CITIZEN, () -> "Bearer "
                + Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("{\"alg\":\"none\"}")) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("{\"sub\":\"test-consumer\",\"agency\":\"000.00.01.H99\",\"exp\":9999999999}"))
                + ".", VALID));
        cases.add(json("token with a swapped payload", 401, "AUTH_INVALID", CITIZEN, () -> {
            String[] real = consumerToken.split("\\.");
            String other = tokenWith(SIGNING_KEY, Clock.systemUTC(), EDGE_CLIENT, EDGE_CONSUMER).split("\\.")[1];
            return "Bearer " + real[0] + "." + other + "." + real[2];
        }, VALID));
        cases.add(json("token of a client not in the catalog", 401, "AUTH_INVALID", CITIZEN, () -> "Bearer " + tokenWith(
                SIGNING_KEY, Clock.systemUTC(), "removed-client", TestCatalog.CONSUMER), VALID));
        cases.add(json("token claiming another agency", 401, "AUTH_INVALID", CITIZEN, () -> "Bearer " + tokenWith(
                SIGNING_KEY, Clock.systemUTC(), EDGE_CLIENT, TestCatalog.CONSUMER), VALID));
        cases.add(json("another client's token (not allowed)", 403, "ACCESS_DENIED", CITIZEN, edge(), VALID));
        cases.add(json("a token for another service's allow-list", 403, "ACCESS_DENIED", STEADY, consumer(), "{}"));
        cases.add(with("wrong API key", 401, "AUTH_INVALID", "POST", CITIZEN, utf8(VALID),
                () -> new String[] {"X-API-Key: nope", "Content-Type: application/json"}));
        cases.add(with("forged X-Hub-Consumer without credentials", 401, "AUTH_REQUIRED", "POST", CITIZEN, utf8(VALID),
                () -> new String[] {"X-Hub-Consumer: 000.00.01.H99", "Content-Type: application/json"}));
        cases.add(with("forged X-Hub-Consumer with another client's token", 403, "ACCESS_DENIED", "POST", CITIZEN,
                utf8(VALID), () -> new String[] {"Authorization: Bearer " + edgeToken, "X-Hub-Consumer: 000.00.01.H99",
                    "Content-Type: application/json"}));
        cases.add(with("forged X-Forwarded-* with another client's token", 403, "ACCESS_DENIED", "POST", CITIZEN,
                utf8(VALID), () -> new String[] {"Authorization: Bearer " + edgeToken, "X-Forwarded-For: 127.0.0.1",
                    "X-Forwarded-Host: hub.internal", "X-Forwarded-Proto: https", "Forwarded: for=10.0.0.1;by=hub",
                    "Content-Type: application/json"}));
        // --- paths ---
        cases.add(json("dot-dot segments", 400, "INVALID_REQUEST", CITIZEN + "/../../../etc/passwd", consumer(), VALID));
        cases.add(json("encoded slash", 400, "INVALID_REQUEST", "/api/v1/services/NDXP%2Fcitizen-lookup", consumer(), VALID));
        cases.add(json("encoded dot-dot", 400, "INVALID_REQUEST", CITIZEN + "/%2e%2e/%2e%2e/admin", consumer(), VALID));
        cases.add(json("backslash", 400, "INVALID_REQUEST", CITIZEN + "\\..\\admin", consumer(), VALID));
        cases.add(json("empty segment", 400, "INVALID_REQUEST", "/api/v1/services/NDXP//citizen-lookup", consumer(), VALID));
        cases.add(json("double-encoded slash", 400, "INVALID_REQUEST", CITIZEN + "/%252F..%252F", consumer(), VALID));
        cases.add(json("encoded NUL in the path", 400, "INVALID_REQUEST", CITIZEN + "/a%00.json", consumer(), VALID));
        cases.add(json("CRLF injection in the path", 400, "INVALID_REQUEST",
                "/api/v1/services/NDXP/lookup%0d%0aX-Injected:%20yes", consumer(), VALID));
        cases.add(json("unknown service", 404, "SERVICE_NOT_FOUND", "/api/v1/services/NDXP/no-such-service", consumer(), VALID));
        cases.add(json("unknown provider", 404, "SERVICE_NOT_FOUND", "/api/v1/services/000.00.77.H99/x", consumer(), VALID));
        cases.add(json("SQL in the service path", 404, "SERVICE_NOT_FOUND",
                "/api/v1/services/NDXP/x'%20OR%20'1'='1", consumer(), VALID));
        cases.add(json("nothing at an unknown path", 404, "NOT_FOUND", "/wp-admin/setup.php", consumer(), VALID));
        cases.add(with("method the service does not accept", 405, "METHOD_NOT_ALLOWED", "PATCH", STEADY, utf8("{}"),
                () -> new String[] {"Authorization: Bearer " + edgeToken, "Content-Type: application/json"}));
        // --- bodies ---
        cases.add(json("malformed JSON", 400, "MALFORMED_BODY", CITIZEN, consumer(), "{\"SoDinhDanh\":"));
        cases.add(json("truncated JSON string", 400, "MALFORMED_BODY", CITIZEN, consumer(), "{\"SoDinhDanh\":\"0771"));
        cases.add(json("trailing content after JSON", 400, "MALFORMED_BODY", CITIZEN, consumer(), VALID + " {}"));
        cases.add(json("single quotes", 400, "MALFORMED_BODY", CITIZEN, consumer(), "{'SoDinhDanh':'077190001234'}"));
        cases.add(json("NaN literal", 400, "MALFORMED_BODY", CITIZEN, consumer(), "{\"SoDinhDanh\":NaN}"));
        cases.add(json("comment in JSON", 400, "MALFORMED_BODY", CITIZEN, consumer(), "/* x */" + VALID));
        cases.add(json("nesting 1000 deep", 400, "MALFORMED_BODY", CITIZEN, consumer(), nested(1000)));
        cases.add(json("nesting 65 deep on a service without schema", 400, "MALFORMED_BODY", STEADY, edge(), nested(65)));
        cases.add(json("a 200-digit number", 400, "MALFORMED_BODY", CITIZEN, consumer(),
                "{\"SoDinhDanh\":" + "9".repeat(200) + "}"));
        cases.add(json("body over the size limit", 413, "PAYLOAD_TOO_LARGE", CITIZEN, consumer(),
                "{\"HoVaTen\":\"" + "Nguyễn ".repeat(200_000) + "\"}"));
        cases.add(new Case("body that stops arriving (slow client)", () -> head("POST", CITIZEN, "Authorization: Bearer "
                + consumerToken, "Content-Type: application/json") + "Content-Length: 100\r\n\r\n",
                () -> utf8("{\"SoDinhDanh\":"), 408, "REQUEST_TIMEOUT"));
        cases.add(with("invalid UTF-8 bytes", 400, "MALFORMED_BODY", "POST", CITIZEN,
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                () -> new String[] {"Authorization: Bearer " + consumerToken, "Content-Type: application/json"}));
        cases.add(with("body without Content-Type", 415, "UNSUPPORTED_MEDIA_TYPE", "POST", CITIZEN, utf8(VALID),
                () -> new String[] {"Authorization: Bearer " + consumerToken}));
        cases.add(with("text/plain to a JSON service", 415, "UNSUPPORTED_MEDIA_TYPE", "POST", CITIZEN, utf8(VALID),
                () -> new String[] {"Authorization: Bearer " + consumerToken, "Content-Type: text/plain"}));
        cases.add(with("XML to a JSON service", 415, "UNSUPPORTED_MEDIA_TYPE", "POST", CITIZEN,
                utf8("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
                () -> new String[] {"Authorization: Bearer " + consumerToken, "Content-Type: application/xml"}));
        cases.add(with("multipart body", 415, "UNSUPPORTED_MEDIA_TYPE", "POST", STEADY,
                utf8("--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n--b--\r\n"),
                () -> new String[] {"Authorization: Bearer " + edgeToken, "Content-Type: multipart/form-data; boundary=b"}));
        cases.add(with("JSON declared as ISO-8859-1", 415, "UNSUPPORTED_MEDIA_TYPE", "POST", CITIZEN, utf8(VALID),
                () -> new String[] {"Authorization: Bearer " + consumerToken, "Content-Type: application/json; charset=ISO-8859-1"}));
        cases.add(json("schema violation", 422, "VALIDATION_FAILED", CITIZEN, consumer(), "{\"SoDinhDanh\":\"12\",\"MaYeuCau\":\"R\"}"));
        cases.add(json("unknown property (additionalProperties false)", 422, "VALIDATION_FAILED", CITIZEN, consumer(),
                "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R\",\"$where\":\"1==1\"}"));
        cases.add(json("fullwidth digits in an id", 422, "VALIDATION_FAILED", CITIZEN, consumer(),
                "{\"SoDinhDanh\":\"０７７１９０００１２３４\",\"MaYeuCau\":\"R\"}"));
        cases.add(json("combining mark inside an id", 422, "VALIDATION_FAILED", CITIZEN, consumer(),
                "{\"SoDinhDanh\":\"0\u0303771900012345\",\"MaYeuCau\":\"R\"}"));
        cases.add(json("NFD Vietnamese name over maxLength", 422, "VALIDATION_FAILED", CITIZEN, consumer(),
                "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R\",\"HoVaTen\":\""
                        + java.text.Normalizer.normalize("Nguyễn Thị Thuỷ Tiên ", java.text.Normalizer.Form.NFD).repeat(8) + "\"}"));
        cases.add(json("empty body where a schema requires one", 422, "VALIDATION_FAILED", CITIZEN, consumer(), ""));
        cases.add(json("JSON null as the body", 422, "VALIDATION_FAILED", CITIZEN, consumer(), "null"));
        // --- HTTP framing (answered by the listener before any route) ---
        cases.add(json("request line over the limit", 414, "URI_TOO_LONG", CITIZEN + "?q=" + "a".repeat(9_000),
                consumer(), VALID));
        cases.add(json("Vietnamese query over the limit", 414, "URI_TOO_LONG", CITIZEN + "?hoTen="
                + "Nguy%E1%BB%85n".repeat(1_000), consumer(), VALID));
        cases.add(with("headers over the limit", 431, "HEADERS_TOO_LARGE", "POST", CITIZEN, utf8(VALID),
                () -> new String[] {"Authorization: Bearer " + consumerToken, "Content-Type: application/json",
                    "X-Filler: " + "x".repeat(20_000)}));
        cases.add(with("many small headers over the limit", 431, "HEADERS_TOO_LARGE", "POST", CITIZEN, utf8(VALID),
                () -> java.util.stream.IntStream.range(0, 800).mapToObj(i -> "X-H" + i + ": " + "v".repeat(20))
                        .toArray(String[]::new)));
        // --- publishing ---
        cases.add(with("publish without credentials", 401, "AUTH_REQUIRED", "POST", RECORDS, utf8(RECORD),
                () -> new String[] {"Content-Type: application/json"}));
        cases.add(json("publish to another agency's topic", 403, "ACCESS_DENIED", RECORDS, edge(), RECORD));
        cases.add(json("publish malformed JSON", 400, "MALFORMED_BODY", RECORDS, publisher(), "{\"maDoanhNghiep\":"));
        cases.add(json("publish a record failing the schema", 422, "VALIDATION_FAILED", RECORDS, publisher(), "{\"x\":1}"));
        cases.add(json("batch over the size limit", 413, "PAYLOAD_TOO_LARGE", RECORDS + ":batch", publisher(),
                "[" + String.join(",", java.util.Collections.nCopies(6, RECORD)) + "]"));
        cases.add(json("batch that is not an array", 422, "VALIDATION_FAILED", RECORDS + ":batch", publisher(), RECORD));
        cases.add(json("publish to an unknown topic", 404, "NOT_FOUND",
                "/api/v1/topics/000.00.32.H99/no-such-topic/records", publisher(), RECORD));
        cases.add(with("Idempotency-Key with spaces and quotes", 400, "INVALID_REQUEST", "POST", RECORDS, utf8(RECORD),
                () -> new String[] {"Authorization: Bearer " + publisherToken, "Content-Type: application/json",
                    "Idempotency-Key: a b \"c\""}));
        cases.add(with("Idempotency-Key of 300 characters", 400, "INVALID_REQUEST", "POST", RECORDS, utf8(RECORD),
                () -> new String[] {"Authorization: Bearer " + publisherToken, "Content-Type: application/json",
                    "Idempotency-Key: " + "k".repeat(300)}));
        // --- status and catalog ---
        cases.add(with("status of an unknown exchange", 404, "NOT_FOUND", "GET",
                "/api/v1/exchanges/01a210a0-4b91-7001-91b8-8b4fe56de924", new byte[0],
                () -> new String[] {"Authorization: Bearer " + consumerToken}));
        cases.add(with("status of an exchange id with SQL", 404, "NOT_FOUND", "GET",
                "/api/v1/exchanges/x'%20OR%20'1'='1", new byte[0],
                () -> new String[] {"Authorization: Bearer " + consumerToken}));
        cases.add(with("CRLF in a percent-encoded query", 400, "INVALID_REQUEST", "GET",
                CITIZEN + "/x%0d%0aX-Injected:%20yes?a=%0d%0a", new byte[0],
                () -> new String[] {"Authorization: Bearer " + consumerToken}));
        // --- /token ---
        cases.add(bare("GET /token", 405, "METHOD_NOT_ALLOWED", "GET", "/token"));
        cases.add(with("token request as JSON", 415, "UNSUPPORTED_MEDIA_TYPE", "POST", "/token",
                utf8("{\"grant_type\":\"client_credentials\"}"), () -> new String[] {"Content-Type: application/json"}));
        cases.add(with("token request with password grant", 400, "INVALID_REQUEST", "POST", "/token",
                utf8("grant_type=password&username=a&password=b"),
                () -> new String[] {"Content-Type: application/x-www-form-urlencoded"}));
        cases.add(with("token request without secret", 401, "AUTH_REQUIRED", "POST", "/token",
                utf8("grant_type=client_credentials&client_id=edge-app"),
                () -> new String[] {"Content-Type: application/x-www-form-urlencoded"}));
        cases.add(with("token request with SQL in client_id", 401, "AUTH_INVALID", "POST", "/token",
                utf8(form("grant_type=client_credentials&client_id=%27%20OR%201%3D1%20--&client_secret=x")),
                () -> new String[] {"Content-Type: application/x-www-form-urlencoded"}));
        cases.add(with("token request with bad percent-encoding", 400, "INVALID_REQUEST", "POST", "/token",
                utf8("grant_type=client_credentials&client_id=%zz&client_secret=x"),
                () -> new String[] {"Content-Type: application/x-www-form-urlencoded"}));
        cases.add(with("token request with malformed Basic", 401, "AUTH_INVALID", "POST", "/token",
                utf8("grant_type=client_credentials"),
                () -> new String[] {"Content-Type: application/x-www-form-urlencoded", "Authorization: Basic !!!"}));
        return cases.stream().map(Arguments::of);
    }

    static Stream<Arguments> operatorCases() {
        String auth = "Authorization: " + operator();
        return Stream.of(
                bare("ops without login", 401, "AUTH_REQUIRED", "GET", "/ops/v1/audit"),
                bare("ops with a wrong password", 401, "AUTH_INVALID", "GET", "/ops/v1/audit",
                        "Authorization: Basic " + Base64.getEncoder().encodeToString(utf8(TestCatalog.OPERATOR + ":nope"))),
                bare("ops with a department token", 401, "AUTH_INVALID", "GET", "/ops/v1/audit", "Authorization: Bearer abc"),
                bare("audit search with a negative limit", 400, "INVALID_REQUEST", "GET", "/ops/v1/audit?limit=-1", auth),
                bare("audit search with a huge limit", 400, "INVALID_REQUEST", "GET", "/ops/v1/audit?limit=99999999", auth),
                bare("audit search with a bad instant", 400, "INVALID_REQUEST", "GET", "/ops/v1/audit?from=yesterday", auth),
                bare("audit search with an unknown kind", 400, "INVALID_REQUEST", "GET", "/ops/v1/audit?kind=DROP", auth),
                bare("audit search with a non-numeric cursor", 400, "INVALID_REQUEST", "GET", "/ops/v1/audit?before=1%27", auth),
                bare("audit export in an unknown format", 400, "INVALID_REQUEST", "GET", "/ops/v1/audit/export?format=xlsx", auth),
                bare("audit search with a Vietnamese kind", 400, "INVALID_REQUEST", "GET",
                        "/ops/v1/audit?kind=T%E1%BB%AB%20ch%E1%BB%91i", auth),
                with("maintenance with malformed JSON", 400, "MALFORMED_BODY", "POST", "/ops/v1/maintenance",
                        utf8("{\"enabled\":"), () -> new String[] {auth, "Content-Type: application/json"}),
                with("maintenance with a string for a boolean", 400, "INVALID_REQUEST", "POST", "/ops/v1/maintenance",
                        utf8("{\"enabled\":\"có\"}"), () -> new String[] {auth, "Content-Type: application/json"}),
                with("maintenance with JSON nested 5000 deep", 400, "MALFORMED_BODY", "POST", "/ops/v1/maintenance",
                        utf8(nested(5000)), () -> new String[] {auth, "Content-Type: application/json"}),
                bare("an auditor replaying a dead letter", 403, "ACCESS_DENIED", "POST",
                        "/ops/v1/dead-letters/01a210a0-4b91-7001-91b8-8b4fe56de924:replay", "Authorization: Basic "
                                + Base64.getEncoder().encodeToString(utf8(TestCatalog.AUDITOR + ":" + TestCatalog.AUDITOR_PASSWORD)),
                        "Content-Length: 0"),
                bare("dead letter id with a traversal", 400, "INVALID_REQUEST", "GET", "/ops/v1/dead-letters/..%2F..%2Fetc%2Fpasswd", auth),
                bare("dead letter id with an encoded backslash", 400, "INVALID_REQUEST", "GET", "/ops/v1/dead-letters/..%5C..%5Cx", auth),
                bare("path parameter smuggled with a semicolon", 400, "INVALID_REQUEST", "GET", "/ops/v1/dead-letters/..;/..;/actuator/env", auth),
                bare("double slash towards another endpoint", 400, "INVALID_REQUEST", "GET", "/ops/v1//maintenance", auth),
                bare("console page without a session", 302, null, "GET", "/console/"),
                bare("console login without its CSRF token", 302, null, "POST", "/console/login",
                        "Content-Type: application/x-www-form-urlencoded", "Content-Length: 0")
        ).map(Arguments::of);
    }
}
