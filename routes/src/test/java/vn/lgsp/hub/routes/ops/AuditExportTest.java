package vn.lgsp.hub.routes.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * {@code GET /ops/v1/audit/export} (NDJSON and CSV, streamed) and the search filters added with it, on the
 * operator port: rows, headers, UTF-8, RFC 4180 quoting, errors and who may export.
 */
class AuditExportTest extends HubTestSupport {

    private static final String CITIZEN = "/api/v1/services/NDXP/citizen-lookup";
    private static final String CSV_HEADER = "id,node,seq,time,kind,exchangeId,requestId,consumer,provider,service,"
            + "topic,subscriber,purpose,subjectKeys,status,code,durationMs,requestBytes,responseBytes,requestSha256,"
            + "responseSha256,detail,prevHash,hash";
    private static final String VI_DETAIL = "Nguyễn Thị Mai, \"Sở Tư pháp\"\r\nDòng 2: Đắk Lắk; ½ € 𝄞";

    private static String operator() {
        return basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
    }

    private static String auditor() {
        return basic(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> get(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ops(pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<byte[]> postOps(String path, String authorization) {
        return send(HttpRequest.newBuilder(ops(path)).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A citizen lookup through the hub with the given request id: valid (200), invalid (422) or anonymous (401). */
    private String citizenCall(String requestId, String body, boolean authenticated, int expectedStatus) {
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody("{\"error_code\":0}")));
        HttpRequest.Builder request = HttpRequest.newBuilder(hub(CITIZEN)).header("Content-Type", "application/json")
                .header("X-Purpose", "TTHC").header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authenticated) {
            request.header("Authorization", "Bearer " + consumerToken());
        }
        HttpResponse<byte[]> response = send(request.build());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(expectedStatus);
        return response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
    }

    /** Three exchanges sharing one request id: a call, a validation failure and an anonymous rejection. */
    private List<String> threeExchanges(String requestId) {
        return List.of(
                citizenCall(requestId, "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R1\"}", true, 200),
                citizenCall(requestId, "{\"SoDinhDanh\":\"12AB\",\"MaYeuCau\":\"R1\"}", true, 422),
                citizenCall(requestId, "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R1\"}", false, 401));
    }

    private HttpResponse<byte[]> export(String query, String authorization) {
        HttpResponse<byte[]> response = get("/ops/v1/audit/export" + query, authorization);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response;
    }

    private static List<JsonNode> ndjson(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).as("every line ends with LF").satisfiesAnyOf(b -> assertThat(b).isEmpty(),
                b -> assertThat(b).endsWith("\n"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    /** An RFC 4180 parser, strict: every record ends with CRLF, quotes only around a whole field. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                    char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
                    assertThat(next).as("after a closing quote at %d", i).isIn(',', '\r');
                } else {
                    field.append(c);
                }
                i++;
            } else if (c == '"') {
                assertThat(field).as("quote inside an unquoted field at %d", i).isEmpty();
                quoted = true;
                i++;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("CR at %d followed by LF", i).isEqualTo('\n');
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("bare LF at %d", i).isNotEqualTo('\n');
                field.append(c);
                i++;
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(row).as("last record ends with CRLF").isEmpty();
        assertThat(field).isEmpty();
        return rows;
    }

    private static List<List<String>> csv(HttpResponse<byte[]> response) {
        List<List<String>> rows = parseCsv(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(String.join(",", rows.get(0))).isEqualTo(CSV_HEADER);
        rows.forEach(r -> assertThat(r).hasSize(24));
        return rows;
    }

    private static String column(List<List<String>> rows, int row, String name) {
        return rows.get(row).get(rows.get(0).indexOf(name));
    }

    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("Exception", "\tat ");
        return problem;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private AuditRecord append(AuditRecord.Builder record) {
        return auditStore.append(record.build());
    }

    @Test
    void exportsTheCallsAsNdjsonOldestFirst() {
        String requestId = unique("ndjson");
        List<String> exchanges = threeExchanges(requestId);

        HttpResponse<byte[]> response = export("?format=ndjson&requestId=" + requestId, operator());

        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/x-ndjson");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-start-end.ndjson\"");
        List<JsonNode> lines = ndjson(response);
        assertThat(lines).extracting(l -> l.path("exchangeId").asText()).containsExactlyElementsOf(exchanges);
        assertThat(lines).extracting(l -> l.path("id").asLong()).isSorted();
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.path("requestId").asText()).isEqualTo(requestId);
            assertThat(l.path("time").asText()).endsWith("Z");
            assertThat(l.path("hash").asText()).hasSize(64);
        });
        assertThat(lines.get(0).path("kind").asText()).isEqualTo("CALL");
        assertThat(lines.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(lines.get(0).path("provider").asText()).isEqualTo("NDXP");
        assertThat(lines.get(0).path("service").asText()).isEqualTo("citizen-lookup");
        assertThat(lines.get(1).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(lines.get(2).path("code").asText()).isEqualTo("AUTH_REQUIRED");
        assertThat(lines.get(2).path("status").asInt()).isEqualTo(401);
        assertThat(export("?requestId=" + requestId, operator()).headers().firstValue("Content-Type")).get()
                .asString().as("ndjson by default").startsWith("application/x-ndjson");
    }

    @Test
    void exportsTheCallsAsCsvWithAHeaderRow() {
        String requestId = unique("csv");
        List<String> exchanges = threeExchanges(requestId);

        HttpResponse<byte[]> response = export("?format=csv&requestId=" + requestId, auditor());

        assertThat(response.headers().firstValue("Content-Type")).get().asString().isEqualToIgnoringCase(
                "text/csv;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-start-end.csv\"");
        List<List<String>> rows = csv(response);
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(1, 4)).extracting(r -> r.get(5)).containsExactlyElementsOf(exchanges);
        assertThat(column(rows, 1, "kind")).isEqualTo("CALL");
        assertThat(column(rows, 1, "status")).isEqualTo("200");
        assertThat(column(rows, 1, "code")).as("absent -> empty field").isEmpty();
        assertThat(column(rows, 1, "consumer")).isEqualTo(TestCatalog.CONSUMER);
        assertThat(column(rows, 2, "code")).isEqualTo("VALIDATION_FAILED");
        assertThat(column(rows, 3, "code")).isEqualTo("AUTH_REQUIRED");
        assertThat(column(rows, 3, "consumer")).isEmpty();
        assertThat(Instant.parse(column(rows, 1, "time"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(Long.parseLong(column(rows, 2, "id"))).isGreaterThan(Long.parseLong(column(rows, 1, "id")));
    }

    @Test
    void keepsVietnameseTextQuotesCommasAndNewlinesByteForByte() {
        String provider = unique("P");
        AuditRecord stored = append(AuditRecord.builder(AuditKind.OPS).provider(provider).consumer("Sở Tư pháp")
                .topic("chủ-đề,\"đặc biệt\"").detail(VI_DETAIL).status(200));

        HttpResponse<byte[]> csv = export("?format=csv&provider=" + provider, operator());
        String expectedRow = stored.id() + "," + stored.node() + "," + stored.seq() + "," + stored.time() + ",OPS,,,Sở Tư pháp,"
                + provider + ",,\"chủ-đề,\"\"đặc biệt\"\"\",,,,200,,0,0,0,,,"
                + "\"Nguyễn Thị Mai, \"\"Sở Tư pháp\"\"\r\nDòng 2: Đắk Lắk; ½ € 𝄞\"," + nz(stored.prevHash()) + ","
                + stored.hash() + "\r\n";
        byte[] expected = (CSV_HEADER + "\r\n" + expectedRow).getBytes(StandardCharsets.UTF_8);
        assertThat(csv.body()).as(new String(csv.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        List<List<String>> rows = csv(csv);
        assertThat(column(rows, 1, "detail")).isEqualTo(VI_DETAIL);
        assertThat(column(rows, 1, "topic")).isEqualTo("chủ-đề,\"đặc biệt\"");

        HttpResponse<byte[]> ndjson = export("?format=ndjson&provider=" + provider, operator());
        String body = new String(ndjson.body(), StandardCharsets.UTF_8);
        assertThat(body).as("UTF-8 text, not \\u escapes").contains("Nguyễn Thị Mai", "Đắk Lắk", "𝄞")
                .doesNotContain("\\u");
        assertThat(body.chars().filter(c -> c == '\n').count()).as("one line").isEqualTo(1);
        JsonNode line = ndjson(ndjson).get(0);
        assertThat(line.path("detail").asText()).isEqualTo(VI_DETAIL);
        assertThat(line.path("consumer").asText()).isEqualTo("Sở Tư pháp");
        assertThat(line.path("id").asLong()).isEqualTo(stored.id());
    }

    @Test
    void filtersByTimeRangeAndEveryNewField() {
        String topic = unique("topic");
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        AuditRecord early = append(AuditRecord.builder(AuditKind.DELIVERY).time(t0.minusMillis(1)).provider("PUB")
                .topic(topic).subscriber("SUB-1").status(200));
        AuditRecord first = append(AuditRecord.builder(AuditKind.DELIVERY).time(t0).provider("PUB").topic(topic)
                .subscriber("SUB-1").status(200));
        AuditRecord failed = append(AuditRecord.builder(AuditKind.DELIVERY).time(t0.plusSeconds(60)).provider("PUB")
                .topic(topic).subscriber("SUB-2").code("PROVIDER_UNAVAILABLE").status(502));
        append(AuditRecord.builder(AuditKind.DELIVERY).time(t0.plusSeconds(3600)).provider("PUB").topic(topic)
                .subscriber("SUB-1").status(200));

        // 07:00+07:00 is 00:00Z; '+' encoded as %2B, and an unencoded '+' (a space) is accepted too.
        String range = "&from=2020-01-01T07:00:00%2B07:00&to=2020-01-01T01:00:00Z";
        HttpResponse<byte[]> response = export("?format=ndjson&topic=" + topic + range, auditor());
        assertThat(ndjson(response)).extracting(l -> l.path("id").asLong())
                .containsExactly(first.id(), failed.id());
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-20200101T000000Z-20200101T010000Z.ndjson\"");
        assertThat(ndjson(export("?topic=" + topic + "&from=2020-01-01T06:59:59+07:00&to=2020-01-01T00:00:00Z",
                auditor()))).extracting(l -> l.path("id").asLong()).containsExactly(early.id());
        assertThat(ndjson(export("?topic=" + topic + "&subscriber=SUB-2&code=PROVIDER_UNAVAILABLE&kind=delivery",
                auditor()))).extracting(l -> l.path("id").asLong()).containsExactly(failed.id());
        assertThat(ndjson(export("?topic=" + topic + "&subscriber=SUB-1&code=PROVIDER_UNAVAILABLE", auditor())))
                .isEmpty();
        assertThat(ndjson(export("?topic=" + topic + "&provider=PUB&consumer=", auditor()))).as("empty = no filter")
                .hasSize(4);

        // The same filters on the search, newest first.
        HttpResponse<byte[]> page = get("/ops/v1/audit?topic=" + topic + range + "&provider=PUB", auditor());
        assertThat(page.statusCode()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        json(page).path("items").forEach(i -> ids.add(i.path("id").asLong()));
        assertThat(ids).containsExactly(failed.id(), first.id());
    }

    @Test
    void searchFiltersByProviderAndServiceWithKeysetPages() {
        String requestId = unique("pages");
        List<String> exchanges = new ArrayList<>(threeExchanges(requestId));
        exchanges.addAll(threeExchanges(requestId));

        // Only the calls that reached the provider's service (the anonymous ones were rejected before).
        String base = "/ops/v1/audit?requestId=" + requestId + "&provider=NDXP&service=citizen-lookup&limit=2";
        List<String> seen = new ArrayList<>();
        JsonNode page = json(get(base, operator()));
        while (true) {
            page.path("items").forEach(i -> seen.add(i.path("exchangeId").asText()));
            if (!page.has("next")) {
                break;
            }
            page = json(get(base + "&before=" + page.path("next").asLong(), operator()));
        }
        assertThat(seen).containsExactly(exchanges.get(4), exchanges.get(3), exchanges.get(1), exchanges.get(0));
    }

    @Test
    void metacharactersInFiltersMatchOnlyLiterally() {
        String marker = unique("meta");
        AuditRecord literal = append(AuditRecord.builder(AuditKind.OPS).requestId(marker).provider("' OR 1=1 --")
                .service("%").code("_").status(200));
        append(AuditRecord.builder(AuditKind.OPS).requestId(marker).provider("x").service("abc").code("A")
                .status(200));

        String base = "/ops/v1/audit/export?requestId=" + marker;
        assertThat(ndjson(export("?requestId=" + marker + "&provider=" + enc("' OR 1=1 --"), operator())))
                .extracting(l -> l.path("id").asLong()).containsExactly(literal.id());
        assertThat(ndjson(export("?requestId=" + marker + "&service=" + enc("%"), operator())))
                .extracting(l -> l.path("id").asLong()).containsExactly(literal.id());
        assertThat(ndjson(export("?requestId=" + marker + "&code=_", operator())))
                .extracting(l -> l.path("id").asLong()).containsExactly(literal.id());
        assertThat(ndjson(export("?requestId=" + marker + "&service=" + enc("a%"), operator()))).isEmpty();
        assertThat(ndjson(export("?requestId=" + marker + "&provider=" + enc("' OR '1'='1"), operator()))).isEmpty();
        assertThat(get(base, operator()).statusCode()).isEqualTo(200);
    }

    @Test
    void exportsMoreRowsThanAPageHolds() {
        String consumer = unique("bulk");
        int rows = AuditQuery.MAX_LIMIT + 250;
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture.allOf(IntStream.range(0, rows).mapToObj(i -> CompletableFuture.runAsync(() ->
                    append(AuditRecord.builder(AuditKind.OPS).consumer(consumer).detail("dòng " + i).status(200)),
                    writers)).toArray(CompletableFuture[]::new)).join();
        } finally {
            writers.shutdown();
        }

        List<List<String>> csvRows = csv(export("?format=csv&consumer=" + consumer, operator()));
        assertThat(csvRows).hasSize(rows + 1);
        List<Long> ids = csvRows.subList(1, csvRows.size()).stream().map(r -> Long.parseLong(r.get(0))).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ndjson(export("?format=ndjson&consumer=" + consumer, operator()))).hasSize(rows);
    }

    @Test
    void refusesBadParametersWithAProblem() {
        assertThat(assertProblem(get("/ops/v1/audit/export?from=yesterday", operator()), 400, "INVALID_REQUEST")
                .path("detail").asText()).contains("from");
        assertThat(assertProblem(get("/ops/v1/audit/export?to=2025-13-01T00:00:00Z", operator()), 400,
                "INVALID_REQUEST").path("detail").asText()).contains("to");
        assertThat(assertProblem(get("/ops/v1/audit?from=2025-01-01", operator()), 400, "INVALID_REQUEST")
                .path("detail").asText()).contains("from");
        assertProblem(get("/ops/v1/audit/export?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", operator()),
                400, "INVALID_REQUEST");
        assertThat(assertProblem(get("/ops/v1/audit/export?format=xml", operator()), 400, "INVALID_REQUEST")
                .path("detail").asText()).contains("ndjson", "csv");
        assertProblem(get("/ops/v1/audit/export?kind=NOPE", operator()), 400, "INVALID_REQUEST");
        HttpResponse<byte[]> bad = get("/ops/v1/audit/export?format=csv&from=x", operator());
        assertThat(bad.headers().firstValue("Content-Disposition")).as("no attachment for an error").isEmpty();
    }

    @Test
    void departmentClientsCannotExport() {
        assertProblem(get("/ops/v1/audit/export", basic(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET)),
                401, "AUTH_INVALID");
        assertProblem(get("/ops/v1/audit/export?format=csv", "Bearer " + consumerToken()), 401, "AUTH_INVALID");
        assertProblem(get("/ops/v1/audit/export", null), 401, "AUTH_REQUIRED");
    }

    @Test
    void theAuditorReadsButCannotActOnDeadLetters() {
        String auditor = auditor();
        assertThat(get("/ops/v1/audit/export?format=csv&consumer=nobody", auditor).statusCode()).isEqualTo(200);
        assertProblem(postOps("/ops/v1/dead-letters/" + UUID.randomUUID() + ":replay", auditor), 403,
                "ACCESS_DENIED");
        assertProblem(postOps("/ops/v1/dead-letters/" + UUID.randomUUID() + ":discard", auditor), 403,
                "ACCESS_DENIED");
        assertProblem(postOps("/ops/v1/dead-letters:replay?subscriber=" + TestCatalog.SUB_FLAKY, auditor), 403,
                "ACCESS_DENIED");
        assertThat(postOps("/ops/v1/dead-letters/" + UUID.randomUUID() + ":replay", operator()).statusCode())
                .as("the operator passes the role check").isNotIn(401, 403);
    }
}
