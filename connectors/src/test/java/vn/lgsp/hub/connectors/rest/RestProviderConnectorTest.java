package vn.lgsp.hub.connectors.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/** Forwarding by the rest connector: what reaches the provider and what comes back. */
class RestProviderConnectorTest extends RestConnectorTestSupport {

    @Test
    void forwardsMethodSubPathEncodedQueryHeadersAndBodyExactly() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        Map<String, List<String>> headers = Map.of(
                "Content-Type", List.of("application/json; charset=utf-8"),
                "X-Request-Id", List.of("req-1"),
                "X-Multi", List.of("a", "b"),
                "Host", List.of("evil.example"),
                "Content-Length", List.of("999"),
                "Connection", List.of("close"));

        ProviderResponse response = connector().send(new ProviderRequest("POST", "/sub/path", "x=1&y=%C4%91",
                headers, JSON_BYTES)).get(5, SECONDS);

        assertThat(response.status()).isEqualTo(200);
        wm.verify(1, postRequestedFor(urlEqualTo("/api/lookup/sub/path?x=1&y=%C4%91"))
                // Jetty (inside WireMock) canonicalises the charset of well-known content types
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withHeader("X-Request-Id", equalTo("req-1"))
                .withHeader("X-Multi", havingExactly("a", "b"))
                .withHeader("Host", equalTo("localhost:" + wm.port()))
                .withHeader("Content-Length", equalTo(String.valueOf(JSON_BYTES.length)))
                .withoutHeader("User-Agent")
                .withRequestBody(binaryEqualTo(JSON_BYTES)));
        assertThat(wm.getAllServeEvents().get(0).getRequest().getBody()).isEqualTo(JSON_BYTES);
    }

    @Test
    void vietnameseBodyComesBackByteForByteWithStatusAndHeaders() throws Exception {
        wm.stubFor(post(urlEqualTo("/api/lookup")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-Provider-Trace", "t-42")
                .withHeader("Set-Cookie", "a=1", "b=2")
                .withBody(JSON_BYTES)));

        ProviderResponse response = connector().send(new ProviderRequest("POST", "", null,
                Map.of("Content-Type", List.of("application/json")), JSON_BYTES)).get(5, SECONDS);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(JSON_BYTES);
        assertThat(new String(response.body(), UTF_8)).contains("Nguyễn Thị Mai");
        assertThat(response.headers()).containsEntry("X-Provider-Trace", List.of("t-42"))
                .containsEntry("Set-Cookie", List.of("a=1", "b=2"))
                .containsEntry("Content-Type", List.of("application/json; charset=utf-8"));
    }

    @Test
    void fixedHeadersOverrideIncomingOnes() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

        ProviderResponse response = connector("headers", Map.of("X-Api-Key", "provider-key", "X-Version", 2))
                .send(new ProviderRequest("GET", "/x", null,
                        Map.of("x-api-key", List.of("consumer-key", "other")), new byte[0]))
                .get(5, SECONDS);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        wm.verify(1, getRequestedFor(urlEqualTo("/api/lookup/x"))
                .withHeader("X-Api-Key", havingExactly("provider-key"))
                .withHeader("X-Version", equalTo("2")));
    }

    @Test
    void configuredMethodOverridesTheConsumersMethod() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));

        ProviderResponse response = connector("method", "PUT").send(getRequest("")).get(5, SECONDS);

        assertThat(new String(response.body(), UTF_8)).isEqualTo("ok");
        wm.verify(1, putRequestedFor(urlEqualTo("/api/lookup")));
        wm.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void joinsPathsWithoutDoubleSlashes() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

        connectorAt(wm.baseUrl() + "/api/").send(getRequest("/a/b")).get(5, SECONDS);
        connectorAt(wm.baseUrl()).send(getRequest("")).get(5, SECONDS);
        connectorAt(wm.baseUrl() + "/api/").send(new ProviderRequest("GET", "", "", Map.of(), null)).get(5, SECONDS);

        wm.verify(1, getRequestedFor(urlEqualTo("/api/a/b")));
        wm.verify(1, getRequestedFor(urlEqualTo("/")));
        wm.verify(1, getRequestedFor(urlEqualTo("/api/")));
    }

    @Test
    void getAndHeadWithoutBodySendNoBody() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("X-A", "1")));

        ProviderResponse head = connector().send(new ProviderRequest("HEAD", "", null, Map.of(), null))
                .get(5, SECONDS);
        connector().send(getRequest("/g")).get(5, SECONDS);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers()).containsEntry("X-A", List.of("1"));
        wm.verify(1, getRequestedFor(urlEqualTo("/api/lookup/g")).withoutHeader("Content-Length")
                .withoutHeader("Transfer-Encoding"));
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).allSatisfy(r -> assertThat(r.getBody()).isEmpty());
    }

    @Test
    void redirectsArePassedBackNotFollowed() throws Exception {
        wm.stubFor(get(urlEqualTo("/api/lookup")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", wm.baseUrl() + "/elsewhere")));

        ProviderResponse response = connector().send(getRequest("")).get(5, SECONDS);

        assertThat(response.status()).isEqualTo(302);
        wm.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void fiftyConcurrentRequestsAllSucceed() throws Exception {
        // with the Vert.x default pool of 5 connections, 50 answers of 300 ms each would need 3 s
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(JSON_BYTES).withFixedDelay(300)));
        ProviderConnector connector = connector("timeout", "2s");

        List<CompletableFuture<ProviderResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(connector.send(new ProviderRequest("POST", "/n/" + i, "i=" + i, Map.of(), JSON_BYTES)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, SECONDS);

        for (CompletableFuture<ProviderResponse> f : futures) {
            assertThat(f.get().status()).isEqualTo(200);
            assertThat(f.get().body()).isEqualTo(JSON_BYTES);
        }
        for (int i = 0; i < 50; i++) {
            wm.verify(1, postRequestedFor(urlEqualTo("/api/lookup/n/" + i + "?i=" + i)));
        }
    }
}
