package vn.lgsp.hub.routes.async;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * With tracing off (the default) the caller's W3C {@code traceparent} reaches the provider unchanged, and a
 * published record's subscribers receive the publisher's {@code traceparent} (carried across the broker).
 */
class TracePropagationTest extends AsyncTestSupport {

    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void traceparentReachesProviderAndSubscribers() throws Exception {
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse().withStatus(200).withBody("{}")));
        HttpResponse<byte[]> call = send(HttpRequest.newBuilder(hub("/api/v1/services/NDXP/citizen-lookup"))
                .header("Authorization", "Bearer " + consumerToken()).header("Content-Type", "application/json")
                .header("traceparent", TRACEPARENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        getClass().getResourceAsStream("/samples/citizen-lookup.request.json").readAllBytes()))
                .build());
        assertThat(call.statusCode()).as(new String(call.body())).isIn(200, 504);
        assertThat(PROVIDER.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getHeader("traceparent")).isEqualTo(TRACEPARENT));

        HttpResponse<byte[]> published = send(HttpRequest.newBuilder(hub(RECORDS))
                .header("Authorization", "Bearer " + publisherToken()).header("Content-Type", "application/json")
                .header("traceparent", TRACEPARENT)
                .POST(HttpRequest.BodyPublishers.ofString(record("3599004001", "990"))).build());
        assertThat(published.statusCode()).isEqualTo(202);
        String exchangeId = json(published).path("exchangeId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(received(SUBSCRIBER_OK, exchangeId)).singleElement()
                        .satisfies(r -> assertThat(r.getHeader("traceparent")).isEqualTo(TRACEPARENT)));
        assertThat(state(exchangeId, TestCatalog.SUB_OK)).isEqualTo("DELIVERED");
    }
}
