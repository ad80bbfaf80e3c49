package vn.lgsp.hub.routes.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.routes.HubApplication;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * The department listener over HTTPS (PKCS#12 keystore from a CA generated for the test) with optional
 * client certificates: a token still works, a registered certificate alone authenticates its client (by
 * subject or by fingerprint), an unregistered one is 401, and one from another CA is refused even with a
 * registered subject.
 */
@CamelSpringBootTest
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpsListenerTest {

    private static final WireMockServer PROVIDER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private static final int HUB_PORT = HubTestSupport.freePort();
    private static final TestCa CA = new TestCa("LGSP test CA");
    private static final TestCa OTHER_CA = new TestCa("Somebody else's CA");
    private static final TestCa.Issued BY_SUBJECT = CA.client("stp-gateway");
    private static final TestCa.Issued BY_FINGERPRINT = CA.client("stp-backup");
    private static final TestCa.Issued UNREGISTERED = CA.client("stranger");
    private static final String PATH = "/api/v1/services/000.00.51.H99/tls-lookup";
    private static final Path STORES;
    /** A provider served over HTTPS with a certificate of the test CA. */
    private static final WireMockServer HTTPS_PROVIDER;

    static {
        PROVIDER.start();
        try {
            STORES = Files.createTempDirectory("lgsp-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HTTPS_PROVIDER = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true)
                .httpsPort(0).keystoreType("PKCS12")
                .keystorePath(CA.keystore(STORES, "provider.p12", CA.server()).toString())
                .keystorePassword(new String(TestCa.PASSWORD)).keyManagerPassword(new String(TestCa.PASSWORD)));
        HTTPS_PROVIDER.start();
    }

    @DynamicPropertySource
    static void tlsProperties(DynamicPropertyRegistry registry) throws IOException {
        Path stores = STORES;
        int dead = HubTestSupport.freePort();
        Path config = TestCatalog.write(PROVIDER.port(), dead, dead, dead, dead);
        Files.writeString(config.resolve("catalog/tls.yaml"), """
                agency: { code: "000.00.51.H99", name: "Sở Thông tin và Truyền thông (kiểm thử)" }
                clients:
                  - { id: tls-secret-app, secret: "%s" }
                  - { id: tls-subject-app, certificate: { subject: "%s" } }
                  - { id: tls-fingerprint-app, certificate: { sha256: "%s" } }
                services:
                  - code: tls-lookup
                    connector: { type: rest, url: "http://127.0.0.1:%d/tls", method: POST, timeout: 30s }
                    resilience: { timeout: 60s }
                    allow: ["000.00.51.H99"]
                  - code: https-trusted
                    connector: { type: rest, url: "https://127.0.0.1:%d/tls", method: POST, timeout: 30s,
                                 trust-store: "%s", trust-store-password: "%s" }
                    allow: ["000.00.51.H99"]
                  - code: https-default-trust
                    connector: { type: rest, url: "https://127.0.0.1:%d/tls", method: POST, timeout: 30s }
                    allow: ["000.00.51.H99"]
                """.formatted(Secrets.bcrypt("tls-secret"), BY_SUBJECT.subject(), BY_FINGERPRINT.sha256(),
                PROVIDER.port(), HTTPS_PROVIDER.httpsPort(), CA.truststore(STORES, "providers-ca.p12"),
                new String(TestCa.PASSWORD), HTTPS_PROVIDER.httpsPort()));
        registry.add("hub.http.port", () -> HUB_PORT);
        registry.add("hub.soap.port", () -> HubTestSupport.freePort());
        registry.add("hub.http.host", () -> "127.0.0.1");
        registry.add("hub.catalog.dir", config::toString);
        registry.add("hub.tls.enabled", () -> "true");
        registry.add("hub.tls.keystore", () -> CA.keystore(stores, "server.p12", CA.server()).toString());
        registry.add("hub.tls.keystore-password", () -> new String(TestCa.PASSWORD));
        registry.add("hub.tls.client-auth", () -> "want");
        registry.add("hub.tls.truststore", () -> CA.truststore(stores, "clients-ca.p12").toString());
        registry.add("hub.tls.truststore-password", () -> new String(TestCa.PASSWORD));
        registry.add("hub.broker.embedded-acceptor", () -> "tcp://127.0.0.1:" + HubTestSupport.freePort());
        registry.add("hub.token.signing-key", () -> TestCatalog.SIGNING_KEY);
        registry.add("hub.privacy.subject-key", () -> TestCatalog.SUBJECT_SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hub-tls-test;DB_CLOSE_DELAY=-1");
        registry.add("spring.artemis.embedded.persistent", () -> "false");
    }

    private static HttpResponse<byte[]> call(SSLContext tls, HttpRequest request) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder lookup() {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HUB_PORT + PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"maHoSo\":\"HS-TLS\"}"));
    }

    private static void providerAnswers() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlPathEqualTo("/tls")).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void aTokenWorksOverHttps() {
        providerAnswers();
        SSLContext tls = CA.clientContext(null);
        HttpResponse<byte[]> token = call(tls, HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HUB_PORT + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=tls-secret-app&client_secret=tls-secret")).build());
        assertThat(token.statusCode()).isEqualTo(200);
        String bearer = HubTestSupport.json(token).path("access_token").asText();
        assertThat(call(tls, lookup().header("Authorization", "Bearer " + bearer).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRegisteredCertificateAuthenticatesItsClient() {
        providerAnswers();
        assertThat(call(CA.clientContext(BY_SUBJECT), lookup().build()).statusCode()).isEqualTo(200);
        assertThat(call(CA.clientContext(BY_FINGERPRINT), lookup().build()).statusCode()).isEqualTo(200);
        PROVIDER.verify(2, postRequestedFor(urlPathEqualTo("/tls")).withHeader("X-Hub-Consumer", equalTo("000.00.51.H99")));
    }

    @Test
    void anUnregisteredCertificateIs401AndNoCertificateIs401() {
        providerAnswers();
        HttpResponse<byte[]> stranger = call(CA.clientContext(UNREGISTERED), lookup().build());
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(HubTestSupport.json(stranger).path("code").asText()).isEqualTo("AUTH_INVALID");
        HttpResponse<byte[]> none = call(CA.clientContext(null), lookup().build());
        assertThat(HubTestSupport.json(none).path("code").asText()).isEqualTo("AUTH_REQUIRED");
        PROVIDER.verify(0, postRequestedFor(urlPathEqualTo("/tls")));
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        TestCa.Issued foreign = OTHER_CA.client("stp-gateway");
        // the hub trusts only its own client CA: present the foreign certificate with a context trusting the hub
        SSLContext mixed = mixed(foreign);
        providerAnswers();
        // the TLS layer may refuse the handshake; if it lets the connection through (client-auth want), the hub
        // itself must refuse the certificate, although its subject is the one a registered client declares
        try {
            HttpResponse<byte[]> answer = call(mixed, lookup().build());
            // JSSE drops an untrusted certificate under client-auth want (AUTH_REQUIRED); had it been kept, the
            // hub's own chain check refuses it (AUTH_INVALID)
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(HubTestSupport.json(answer).path("code").asText()).isIn("AUTH_REQUIRED", "AUTH_INVALID");
        } catch (UncheckedIOException refusedHandshake) {
            assertThat(refusedHandshake).hasCauseInstanceOf(IOException.class);
        }
        PROVIDER.verify(0, postRequestedFor(urlPathEqualTo("/tls")));
    }

    @Test
    void providersOverHttpsAreVerifiedAgainstTheConfiguredTrustStore() {
        HTTPS_PROVIDER.resetAll();
        HTTPS_PROVIDER.stubFor(post(urlPathEqualTo("/tls")).willReturn(aResponse().withStatus(200).withBody("{}")));
        SSLContext tls = CA.clientContext(BY_SUBJECT);
        HttpResponse<byte[]> trusted = call(tls, HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HUB_PORT
                + "/api/v1/services/000.00.51.H99/https-trusted")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(trusted.statusCode()).as(new String(trusted.body())).isEqualTo(200);
        HttpResponse<byte[]> untrusted = call(tls, HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HUB_PORT
                + "/api/v1/services/000.00.51.H99/https-default-trust")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(untrusted.statusCode()).as("the test CA is not in the JVM's trust store").isEqualTo(502);
        assertThat(HubTestSupport.json(untrusted).path("code").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
        HTTPS_PROVIDER.verify(1, postRequestedFor(urlPathEqualTo("/tls")));
    }

    /** Trusts the hub's CA, presents a certificate of the other CA. */
    private static SSLContext mixed(TestCa.Issued foreign) {
        try {
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            java.security.KeyStore trustStore = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(CA.truststore(Files.createTempDirectory("lgsp-tls"), "ca.p12"))) {
                trustStore.load(in, TestCa.PASSWORD);
            }
            trust.init(trustStore);
            javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            java.security.KeyStore keyStore = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(OTHER_CA.keystore(Files.createTempDirectory("lgsp-tls"), "c.p12", foreign))) {
                keyStore.load(in, TestCa.PASSWORD);
            }
            keys.init(keyStore, TestCa.PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
