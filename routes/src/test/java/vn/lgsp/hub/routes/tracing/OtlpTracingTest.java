package vn.lgsp.hub.routes.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lgsp.hub.routes.support.HubTestSupport;

/**
 * Tracing on ({@code management.tracing.enabled=true}): the hub joins the caller's trace with its own span,
 * sends the provider a {@code traceparent} of the same trace naming that span, and exports the span by
 * OTLP/HTTP (to a WireMock standing in for the collector). Its own context, because of the properties.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OtlpTracingTest extends HubTestSupport {

    /** Its own department port: the shared test context keeps HubTestSupport's. */
    private static final int OWN_PORT = freePort();

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";
    private static final WireMockServer COLLECTOR = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        COLLECTOR.start();
        COLLECTOR.stubFor(post(urlPathMatching("/v1/traces")).willReturn(aResponse().withStatus(200)));
    }

    @DynamicPropertySource
    static void tracingOn(DynamicPropertyRegistry registry) {
        registry.add("hub.http.port", () -> OWN_PORT);
        registry.add("management.tracing.enabled", () -> "true");
        registry.add("management.otlp.tracing.endpoint", () -> "http://127.0.0.1:" + COLLECTOR.port() + "/v1/traces");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop();
    }

    @Test
    void providerCallIsASpanOfTheCallersTraceExportedByOtlp() throws Exception {
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200).withBody("{}")));
        HttpResponse<byte[]> call = send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + OWN_PORT
                        + "/api/v1/services/NDXP/citizen-lookup"))
                .header("X-API-Key", vn.lgsp.hub.routes.support.TestCatalog.CONSUMER_API_KEY)
                .header("Content-Type", "application/json")
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
