package vn.lgsp.hub.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import vn.lgsp.hub.core.audit.AuditHashing;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.auth.TokenService;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.RequestSchema;
import vn.lgsp.hub.core.catalog.ServiceDefinition;

/**
 * The per-request work of the sync path, one benchmark per step, on the hub's own classes: bearer token
 * verification, service lookup + allow-list check, request schema validation (parsed and from bytes), and the
 * audit record's canonical encoding and chain hash. Average time per operation in microseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HotPathBenchmarks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenService tokens;
    private String token;
    private Catalog catalog;
    private String provider;
    private String consumer;
    private RequestSchema schema;
    private byte[] body;
    private JsonNode parsedBody;
    private AuditRecord record;

    @Setup
    public void setUp() throws Exception {
        tokens = new TokenService("bench-signing-key-0123456789-abcdefghij".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1), Clock.systemUTC());
        token = tokens.issue("bench-consumer", BenchCatalog.code(3)).accessToken();
        catalog = BenchCatalog.load();
        provider = BenchCatalog.code(11);
        consumer = BenchCatalog.code(14);
        ServiceDefinition service = catalog.service(provider, "service-3").orElseThrow();
        schema = catalog.requestSchema(service).orElseThrow();
        body = oneKibibyteRecord();
        parsedBody = JSON.readTree(body);
        if (!schema.validate(parsedBody).isEmpty()) {
            throw new IllegalStateException("the benchmark body must be valid");
        }
        record = AuditRecord.builder(AuditKind.CALL).node("node-1").time(Instant.parse("2026-11-25T09:00:00Z"))
                .exchangeId("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b").requestId("req-42").consumer(consumer)
                .provider(provider).service("service-3").purpose("TTHC")
                .subjectKeys("k1:5f2b9c0e6a7d4b3c2a1f0e9d8c7b6a59").status(200).durationMs(4)
                .requestBytes(1024).responseBytes(1024)
                .requestSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .responseSha256("60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752")
                .detail("Nguyễn Thị Mai").build();
    }

    static byte[] oneKibibyteRecord() {
        String head = "{\"SoDinhDanh\":\"077190001234\",\"HoVaTen\":\"Nguyễn Thị Mai\",\"MaYeuCau\":\"BENCH-1\","
                + "\"GhiChu\":\"";
        int pad = 1024 - head.getBytes(StandardCharsets.UTF_8).length - 2;
        return (head + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public TokenService.TokenClaims tokenVerify() {
        return tokens.verify(token);
    }

    @Benchmark
    public boolean aclLookup() {
        ServiceDefinition service = catalog.service(provider, "service-3").orElseThrow();
        return catalog.mayCall(consumer, service);
    }

    @Benchmark
    public List<RequestSchema.Violation> schemaValidateParsed() {
        return schema.validate(parsedBody);
    }

    @Benchmark
    public List<RequestSchema.Violation> schemaParseAndValidate() throws Exception {
        return schema.validate(JSON.readTree(body));
    }

    @Benchmark
    public String auditCanonical() {
        return AuditHashing.canonical(record);
    }

    @Benchmark
    public AuditRecord auditLinkAndHash() {
        return AuditHashing.link(record, "node-1", 42L, AuditHashing.GENESIS);
    }
}
