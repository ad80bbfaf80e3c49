package vn.lgsp.hub.routes.ndxp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.time.Duration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.dmdc.JdbcDmdcStore;
import vn.lgsp.hub.routes.HubApplication;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * A hub whose NDXP services use the {@code ndxp} connector against a WireMock acting as NDXP (token endpoint,
 * national APIs, DMDC), with an NDXP client calling provincial services, and DMDC copies of two catalogs.
 * Subclasses share one Spring context.
 */
@CamelSpringBootTest
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class NdxpTestSupport {

    static final String CONSUMER_KEY = "hub-h99-consumer-key";
    static final String CONSUMER_SECRET = "hub-h99-consumer-secret-0123456789";
    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((CONSUMER_KEY + ":" + CONSUMER_SECRET).getBytes(StandardCharsets.UTF_8));
    static final String NDXP_TOKEN = "ndxp-access-token-0f9e8d7c6b5a";
    static final String NDXP_CLIENT = "ndxp-gateway";
    static final String NDXP_CLIENT_SECRET = "demo-ndxp-secret";
    static final String PROVINCE = "000.00.31.H99";
    static final String CITIZEN_PATH = "/apiCSDLDanCu/1.0/traCuuThongTinCongDan";
    static final String DMDC_PATH = "/dmdc/1.0/danhMuc";

    static final WireMockServer NDXP = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final WireMockServer PROVINCIAL = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final int HUB_PORT;
    static final int DEAD_PORT;
    static final int SOAP_PORT = HubTestSupport.freePort();
    /** A broker of a provincial agency, "remote" for the hub: its subscription uses the jms connector. */
    static final RemoteBroker AGENCY_BROKER = RemoteBroker.start();
    static final String PROVINCE_CLIENT = "stp-app";
    static final String PROVINCE_SECRET = "demo-stp-secret";

    static {
        NDXP.start();
        PROVINCIAL.start();
        HUB_PORT = HubTestSupport.freePort();
        DEAD_PORT = HubTestSupport.freePort();
        stubToken();
        // the first scheduled refresh copies "dantoc" (DmdcApiTest checks the timer did it)
        NDXP.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(DMDC_PATH + "/dantoc")
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"code\":\"dantoc\",\"version\":\"2026-01-01\",\"items\":[{\"ma\":\"01\",\"ten\":\"Kinh\"},"
                                + "{\"ma\":\"04\",\"ten\":\"Hoa\"}]}")));
    }

    @Autowired
    AuditStore auditStore;

    @LocalServerPort
    int opsPort;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.http.port", () -> HUB_PORT);
        registry.add("hub.soap.port", () -> SOAP_PORT);
        registry.add("hub.http.host", () -> "127.0.0.1");
        registry.add("hub.catalog.dir", () -> writeCatalog().toString());
        registry.add("hub.broker.embedded-acceptor", () -> "tcp://127.0.0.1:" + HubTestSupport.freePort());
        registry.add("hub.token.signing-key", () -> TestCatalog.SIGNING_KEY);
        registry.add("hub.privacy.subject-key", () -> TestCatalog.SUBJECT_SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hub-ndxp-test;DB_CLOSE_DELAY=-1");
        registry.add("spring.artemis.embedded.persistent", () -> "false");
        registry.add("hub.dmdc.catalogs", () -> "dantoc,donvihanhchinhcap3");
        registry.add("hub.dmdc.initial-delay", () -> "0s");
        registry.add("hub.dmdc.refresh-interval", () -> "6h");
        registry.add("hub.dmdc.retry-interval", () -> "1h");
    }

    @Autowired
    JdbcDmdcStore dmdcStore;

    private static volatile boolean startupRefreshDone;

    @BeforeEach
    void resetProviders() {
        if (!startupRefreshDone) {
            // the scheduled refresh at startup must see the static stubs before the first reset removes them
            // (generous timeouts: on a loaded machine the first token request can take seconds)
            await().atMost(Duration.ofSeconds(180)).until(() -> dmdcStore.find("dantoc").isPresent());
            startupRefreshDone = true;
        }
        NDXP.resetAll();
        PROVINCIAL.resetAll();
        stubToken();
    }

    static void stubToken() {
        NDXP.stubFor(post("/token").withHeader("Authorization", equalTo(BASIC))
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + NDXP_TOKEN + "\",\"scope\":\"am_application_scope default\","
                                + "\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    static Path writeCatalog() {
        try {
            Path dir = Files.createTempDirectory("lgsp-ndxp-test");
            Files.createDirectories(dir.resolve("catalog"));
            Files.copy(Path.of("../config/operators.yaml"), dir.resolve("operators.yaml"));
            Files.writeString(dir.resolve("groups.yaml"), "groups: {}\n");
            String ndxp = "http://127.0.0.1:" + NDXP.port();
            String credentials = "consumer-key: " + CONSUMER_KEY + ", consumer-secret: \"" + CONSUMER_SECRET + "\"";
            Files.writeString(dir.resolve("catalog/ndxp.yaml"), """
                    agency: { code: "NDXP", name: "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia" }
                    clients:
                      - { id: %s, secret: "%s" }
                    services:
                      - code: citizen-lookup
                        connector: { type: ndxp, url: "%s", path: %s, method: POST, timeout: 2s, %s }
                        allow: ["000.00.01.H99"]
                      - code: slow-lookup
                        connector: { type: ndxp, url: "%3$s", path: /apiCSDLDanCu/1.0/cham, method: POST, timeout: 300ms, %5$s }
                        allow: ["000.00.01.H99"]
                      - code: token-down-lookup
                        connector: { type: ndxp, url: "%3$s", path: %4$s, token-url: "http://127.0.0.1:%7$d/token", %5$s }
                        allow: ["000.00.01.H99"]
                      - code: business-lookup
                        connector: { type: ndxp, url: "%3$s", path: /apiCSDLDKDN/1.0/doanhNghiep, method: GET, %5$s }
                        methods: [GET]
                        allow: ["000.00.01.H99"]
                      - code: dmdc
                        connector: { type: ndxp, url: "%3$s", path: %8$s, method: GET, timeout: 60s, token-timeout: 60s, %5$s }
                        methods: [GET]
                        allow: []
                    """.formatted(NDXP_CLIENT, Secrets.bcrypt(NDXP_CLIENT_SECRET), ndxp, CITIZEN_PATH, credentials,
                    CITIZEN_PATH, DEAD_PORT, DMDC_PATH));
            Files.writeString(dir.resolve("catalog/consumer.yaml"), """
                    agency: { code: "000.00.01.H99", name: "Văn phòng UBND tỉnh (kiểm thử)" }
                    clients:
                      - { id: %s, secret: "%s" }
                    subscriptions:
                      - topic: "000.00.31.H99/civil-status-changed"
                        connector: { type: jms, url: "%s", queue: vpubnd.civil-status, timeout: 5s }
                        retry: { max-attempts: 3, initial-backoff: 100ms, multiplier: 2.0, max-backoff: 1s }
                    """.formatted(TestCatalog.CONSUMER_CLIENT, Secrets.bcrypt(TestCatalog.CONSUMER_SECRET),
                    AGENCY_BROKER.url()));
            Files.writeString(dir.resolve("catalog/so-tu-phap.yaml"), """
                    agency: { code: "%s", name: "Sở Tư pháp tỉnh H99" }
                    clients:
                      - { id: %s, secret: "%s" }
                    topics:
                      - { code: civil-status-changed, allow: ["000.00.01.H99"] }
                    services:
                      - code: civil-status-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%4$d/hoTich/traCuu", method: POST, timeout: 2s }
                        allow: ["NDXP"]
                      - code: marriage-status
                        connector: { type: rest, url: "http://127.0.0.1:%4$d/hoTich/honNhan", method: POST, timeout: 2s }
                        allow: ["000.00.01.H99"]
                      - code: down-lookup
                        connector: { type: rest, url: "http://127.0.0.1:%5$d/x", timeout: 2s }
                        allow: ["000.00.01.H99"]
                    """.formatted(PROVINCE, PROVINCE_CLIENT, Secrets.bcrypt(PROVINCE_SECRET), PROVINCIAL.port(), DEAD_PORT));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static java.net.URI hub(String path) {
        return java.net.URI.create("http://127.0.0.1:" + HUB_PORT + path);
    }

    java.net.URI ops(String path) {
        return java.net.URI.create("http://127.0.0.1:" + opsPort + path);
    }

    static String token(String client, String secret) {
        HttpResponse<byte[]> response = HubTestSupport.send(HttpRequest.newBuilder(hub("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + client
                        + "&client_secret=" + secret)).build());
        return HubTestSupport.json(response).get("access_token").asText();
    }

    static String consumerToken() {
        return token(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
