package vn.lgsp.hub.routes.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the test configuration folder: a consumer (000.00.01.H99), a second department not allowed to
 * call the citizen service, and providers pointing at the test WireMock (and at a dead port); for personal
 * data, a department (000.00.10.H99) allowed to call NDXP's personal-data services and subscribed to the
 * personal-data topic, and the citizen portal (000.00.02.H99) whose client has the data-tracker role.
 */
public final class TestCatalog {

    public static final String SIGNING_KEY = "dGVzdC1zaWduaW5nLWtleS1mb3ItbGdzcC1odWItdGVzdHMtMDAwMDA=";
    public static final String CONSUMER = "000.00.01.H99";
    public static final String CONSUMER_CLIENT = "test-consumer";
    public static final String CONSUMER_SECRET = "demo-secret";
    public static final String CONSUMER_API_KEY = "test-consumer-api-key";
    public static final String OTHER_CLIENT = "stp-app";
    public static final String OTHER_SECRET = "demo-stp-secret";
    public static final String OPERATOR = "demo-operator";
    public static final String OPERATOR_PASSWORD = "demo-operator-secret";
    public static final String AUDITOR = "demo-auditor";
    public static final String AUDITOR_PASSWORD = "demo-auditor-secret";

    private static final String CONSUMER_HASH = "{bcrypt}$2a$10$1IP9ZdZ4xWVgqkm3odCDJObDQ1INLXTjO913rJQVVGXGjChvlRmpm";
    private static final String OTHER_HASH = "{bcrypt}$2a$10$FDUe4zvdmbpnGNePzQKVieKxyg8dRdC4I8O7Tyqyj2H/gzhUHIH6i";

    private TestCatalog() {
    }

    public static final String PUBLISHER = "000.00.32.H99";
    public static final String PUBLISHER_CLIENT = "skhdt-app";
    public static final String PUBLISHER_SECRET = "demo-skhdt-secret";
    public static final String SUB_OK = "000.00.31.H99";
    public static final String SUB_FLAKY = "000.00.41.H99";
    public static final String SUB_DOWN = "000.00.42.H99";
    public static final String SUB_FILTERED = "000.00.43.H99";
    private static final String PUBLISHER_HASH = "{bcrypt}$2a$10$7sAH7wbvV3q3IuydGigg2ugZK7cYwNCDdDdiVJNgfHn1QUQHAdHVS";

    /** Subject-key secret of the tests (hub.privacy.subject-key, Base64 of 32 bytes). */
    public static final String SUBJECT_SECRET = "dGVzdC1zdWJqZWN0LWtleS1zZWNyZXQtMzItYnl0ZXM=";
    /** A department that calls the personal-data services and subscribes to the personal-data topic. */
    public static final String PD_CONSUMER = "000.00.10.H99";
    public static final String PD_CONSUMER_NAME = "Sở Y tế (kiểm thử)";
    public static final String PD_CLIENT = "syt-app";
    public static final String PD_SECRET = "demo-syt-secret";
    /** The provincial citizen portal: its client has the data-tracker role. */
    public static final String TRACKER = "000.00.02.H99";
    public static final String TRACKER_CLIENT = "portal-app";
    public static final String TRACKER_SECRET = "demo-portal-secret";
    private static final String TRACKER_HASH = "{bcrypt}$2a$10$U1/JzyzR23FgEZgemwQuEuMfjvSmn2gXS0kNXEG/rH6.9n7HTXUGy";
    /** Topic of 000.00.32.H99 declaring personal data at $.nguoiDaiDien.soDinhDanh (purpose DKKD). */
    public static final String PD_TOPIC = "representative-changed";

    /** The WSDL of the test SOAP provider (the demo civil-status provider of Sở Tư pháp). */
    public static final String SOAP_WSDL = Path.of("../config/wsdl/ho-tich-khai-sinh.wsdl").toAbsolutePath()
            .normalize().toString();

    /** Writes the folder and returns it. */
    public static Path write(int providerPort, int deadPort, int okPort, int flakyPort, int downPort) {
        try {
            Path dir = Files.createTempDirectory("lgsp-test-config");
            Files.createDirectories(dir.resolve("catalog"));
            Files.createDirectories(dir.resolve("schemas"));
            Files.copy(Path.of("../config/schemas/citizen-lookup.request.json"),
                    dir.resolve("schemas/citizen-lookup.request.json"));
            Files.copy(Path.of("../config/operators.yaml"), dir.resolve("operators.yaml"));
            Files.copy(Path.of("../config/schemas/business-registered.record.json"),
                    dir.resolve("schemas/business-registered.record.json"));
            Files.writeString(dir.resolve("groups.yaml"), """
                    groups:
                      departments: ["000.00.01.H99", "000.00.31.H99"]
                    """);
            Files.writeString(dir.resolve("catalog/consumer.yaml"), """
                    agency: { code: "000.00.01.H99", name: "Văn phòng UBND tỉnh (kiểm thử)" }
                    clients:
                      - id: test-consumer
                        secret: "%s"
                        api-keys: ["{sha256}%s"]
                    """.formatted(CONSUMER_HASH, vn.lgsp.hub.core.auth.Secrets.sha256Hex(CONSUMER_API_KEY)));
            Files.writeString(dir.resolve("catalog/stp.yaml"), """
                    agency: { code: "000.00.31.H99", name: "Sở Tư pháp" }
                    clients:
                      - { id: stp-app, secret: "%s" }
                    subscriptions:
                      - topic: "000.00.32.H99/business-registered"
                        connector: { type: rest, url: "http://127.0.0.1:%d/inbox", method: POST, timeout: 2s }
                        retry: { max-attempts: 3, initial-backoff: 100ms, multiplier: 2.0, max-backoff: 1s }
                    services:
                      - code: civil-status-lookup
                        connector:
                          type: soap
                          wsdl: "%s"
                          operation: TraCuuKhaiSinh
                          address: "http://127.0.0.1:%d/ho-tich/soap"
                          timeout: 10s
                          username: lgsp-hub
                          password: "mật-khẩu-hub"
                          request: { soDinhDanh: /soDinhDanh, maDonViYeuCau: "/maDonViYeuCau?" }
                          response: { /hoTen: "p:khaiSinh/p:hoTen", /ngaySinh: "p:khaiSinh/p:ngaySinh", /soDangKy: "p:khaiSinh/p:soDangKy" }
                        allow: ["000.00.01.H99"]
                    """.formatted(OTHER_HASH, okPort, SOAP_WSDL, providerPort));
            Files.writeString(dir.resolve("catalog/district-41.yaml"), """
                    agency: { code: "000.00.41.H99", name: "UBND huyện Long Sơn" }
                    subscriptions:
                      - topic: "000.00.32.H99/business-registered"
                        connector: { type: rest, url: "http://127.0.0.1:%d/inbox", method: POST, timeout: 2s }
                        retry: { max-attempts: 5, initial-backoff: 100ms, multiplier: 2.0, max-backoff: 1s }
                        resilience: { window: 1000, minimum-calls: 1000 }   # failure tests: the circuit never opens
                    """.formatted(flakyPort));
            Files.writeString(dir.resolve("catalog/district-42.yaml"), """
                    agency: { code: "000.00.42.H99", name: "UBND huyện Đất Đỏ" }
                    subscriptions:
                      - topic: "000.00.32.H99/business-registered"
                        connector: { type: rest, url: "http://127.0.0.1:%d/inbox", method: POST, timeout: 1s }
                        retry: { max-attempts: 3, initial-backoff: 100ms, multiplier: 2.0, max-backoff: 1s }
                        resilience: { window: 1000, minimum-calls: 1000 }   # failure tests: the circuit never opens
                    """.formatted(downPort));
            Files.writeString(dir.resolve("catalog/district-43.yaml"), """
                    agency: { code: "000.00.43.H99", name: "UBND huyện Côn Đảo" }
                    subscriptions:
                      - topic: "000.00.32.H99/business-registered"
                        filter: "$[?(@.diaChiTruSo.maHuyen == '991')]"
                        connector: { type: rest, url: "http://127.0.0.1:%d/inbox-filtered", method: POST, timeout: 2s }
                    """.formatted(okPort));
            writePersonalData(dir, providerPort, okPort);
            Files.writeString(dir.resolve("catalog/ndxp.yaml"), """
                    agency: { code: "NDXP", name: "Nền tảng NDXP" }
                    services:
                      - code: citizen-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%1$d/apiCSDLDanCu/1.0/traCuu", method: POST, timeout: 2s }
                        request-schema: schemas/citizen-lookup.request.json
                        allow: ["000.00.01.H99"]
                        published-path: /apiCSDLDanCu/1.0/traCuu
                      - code: slow-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%1$d/slow", method: POST, timeout: 300ms }
                        resilience: { window: 1000, minimum-calls: 1000 }   # failure tests: the circuit never opens
                        allow: ["000.00.01.H99"]
                      - code: dead-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%2$d/dead", method: POST, timeout: 2s }
                        resilience: { window: 1000, minimum-calls: 1000 }   # failure tests: the circuit never opens
                        allow: ["000.00.01.H99"]
                      - code: resident-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%1$d/apiCSDLDanCu/1.0/traCuuCuTru", method: POST, timeout: 2s }
                        request-schema: schemas/citizen-lookup.request.json
                        personal-data: { subject: "$.SoDinhDanh", purposes: [TTHC, THANH_TRA], response-subject: "$..SoDinhDanh" }
                        allow: ["000.00.10.H99"]
                      - code: resident-lookup-slow
                        connector: { type: rest, url: "http://127.0.0.1:%1$d/slowCuTru", method: POST, timeout: 300ms }
                        resilience: { window: 1000, minimum-calls: 1000 }   # failure tests: the circuit never opens
                        personal-data: { subject: "$.SoDinhDanh", purposes: [TTHC] }
                        allow: ["000.00.10.H99"]
                      - code: birth-record-xml
                        connector: { type: rest, url: "http://127.0.0.1:%1$d/hoTich/khaiSinh", method: POST, timeout: 2s }
                        personal-data: { subject: "//*[local-name()='soDinhDanh']", purposes: [TTHC] }
                        allow: ["000.00.10.H99"]
                    """.formatted(providerPort, deadPort));
            Files.writeString(dir.resolve("catalog/skhdt.yaml"), """
                    agency: { code: "000.00.32.H99", name: "Sở Kế hoạch và Đầu tư" }
                    clients:
                      - { id: skhdt-app, secret: "%s" }
                    topics:
                      - code: business-registered
                        schema: schemas/business-registered.record.json
                        allow: ["*"]
                      - code: representative-changed
                        schema: schemas/business-registered.record.json
                        personal-data: { subject: "$.nguoiDaiDien.soDinhDanh", purposes: [DKKD] }
                        allow: ["*"]
                    services:
                      - code: business-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%d/api/doanh-nghiep", timeout: 2s }
                        methods: [GET, POST, PUT, DELETE]
                        allow: ["group:departments"]
                    """.formatted(PUBLISHER_HASH, providerPort));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The personal-data participants: a consumer/subscriber and the citizen portal (data-tracker). */
    private static void writePersonalData(Path dir, int providerPort, int okPort) throws IOException {
        Files.writeString(dir.resolve("catalog/syt.yaml"), """
                agency: { code: "%s", name: "%s" }
                clients:
                  - { id: %s, secret: "%s" }
                subscriptions:
                  - topic: "000.00.32.H99/representative-changed"
                    connector: { type: rest, url: "http://127.0.0.1:%d/inbox-pd", method: POST, timeout: 2s }
                    retry: { max-attempts: 2, initial-backoff: 100ms, multiplier: 2.0, max-backoff: 1s }
                """.formatted(PD_CONSUMER, PD_CONSUMER_NAME, PD_CLIENT,
                vn.lgsp.hub.core.auth.Secrets.bcrypt(PD_SECRET), okPort));
        Files.writeString(dir.resolve("catalog/portal.yaml"), """
                agency: { code: "%s", name: "Cổng dịch vụ công tỉnh (kiểm thử)" }
                clients:
                  - { id: %s, secret: "%s", roles: [data-tracker] }
                """.formatted(TRACKER, TRACKER_CLIENT, TRACKER_HASH));
    }
}
