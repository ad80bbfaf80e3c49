package vn.lgsp.hub.routes.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.routes.support.HubTestSupport.freePort;
import static vn.lgsp.hub.routes.support.HubTestSupport.send;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.routes.HubApplication;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Tracing on ({@code management.tracing.enabled=true}): the hub joins the caller's trace with its own span,
 * sends the provider a {@code traceparent} of the same trace naming that span, and exports the span by
 * OTLP/HTTP (to a WireMock standing in for the collector). A hub of its own (own ports), closed after the test.
 */
class OtlpTracingTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";
    private static final WireMockServer COLLECTOR = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private static final WireMockServer PROVIDER = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    @BeforeAll
    static void start() {
        COLLECTOR.start();
        COLLECTOR.stubFor(post(urlPathMatching("/v1/traces")).willReturn(aResponse().withStatus(200)));
        PROVIDER.start();
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @AfterAll
    static void stop() {
        COLLECTOR.stop();
        PROVIDER.stop();
    }

    @Test
    void providerCallIsASpanOfTheCallersTraceExportedByOtlp() throws Exception {
        int hubPort = freePort();
        String config = TestCatalog.write(PROVIDER.port(), freePort(), freePort(), freePort(), freePort()).toString();
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class).run(
                "--server.port=0", "--hub.http.port=" + hubPort, "--hub.http.host=127.0.0.1", "--hub.soap.port=" + freePort(),
                "--hub.catalog.dir=" + config, "--hub.token.signing-key=" + TestCatalog.SIGNING_KEY,
                "--hub.privacy.subject-key=" + TestCatalog.SUBJECT_SECRET,
                "--hub.audit.keystore=" + config + "/audit-keystore.p12",
                "--spring.datasource.url=jdbc:h2:mem:otlp-test;DB_CLOSE_DELAY=-1",
                "--spring.artemis.embedded.persistent=false",
                "--management.tracing.enabled=true",
                "--management.otlp.tracing.endpoint=http://127.0.0.1:" + COLLECTOR.port() + "/v1/traces");
        try {
            HttpResponse<byte[]> call = send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + hubPort + "/api/v1/services/NDXP/citizen-lookup"))
                    .header("X-API-Key", TestCatalog.CONSUMER_API_KEY).header("Content-Type", "application/json")
                    .header("traceparent", TRACEPARENT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            getClass().getResourceAsStream("/samples/citizen-lookup.request.json").readAllBytes()))
                    .build());
            assertThat(call.statusCode()).as(new String(call.body())).isIn(200, 504);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(PROVIDER.getAllServeEvents())
                    .singleElement().satisfies(e -> assertThat(e.getRequest().getHeader("traceparent"))
                            .startsWith("00-" + TRACE_ID + "-").doesNotContain("b7ad6b7169203331")));
            byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(COLLECTOR.getAllServeEvents())
                    .anySatisfy(e -> assertThat(contains(e.getRequest().getBody(), traceId)).isTrue()));
        } finally {
            hub.close();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
