package vn.lgsp.hub.routes.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.quota.DailyQuotaStore;

/**
 * Client quotas from the catalog (a rate per minute, a daily quota counted in the database) answer 429
 * RATE_LIMITED with Retry-After without calling the provider; failed token requests are limited per IP
 * address (the TCP peer: a forged X-Forwarded-For changes nothing) and each failure is audited.
 */
class ClientQuotaTest extends EdgeTestSupport {

    private static final String STEADY = "/api/v1/services/" + EDGE_PROVIDER + "/steady-lookup";
    private static final String BODY = "{\"maHoSo\":\"HS-002\"}";

    @Autowired
    private DailyQuotaStore dailyQuota;

    @BeforeEach
    void stubs() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlPathEqualTo("/steady")).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() {
        String token = token(RATE_CLIENT, RATE_SECRET);
        for (int i = 0; i < 3; i++) {
            assertThat(send(postJson(STEADY, token, BODY).build()).statusCode()).as("call %d", i + 1).isEqualTo(200);
        }
        HttpResponse<byte[]> refused = send(postJson(STEADY, token, BODY).build());
        assertRejected(refused, 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        PROVIDER.verify(3, postRequestedFor(urlPathEqualTo("/steady")));
        // another client of the same participant is not affected
        assertThat(send(postJson(STEADY, token(EDGE_CLIENT, EDGE_SECRET), BODY).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void theDailyQuotaIsCountedInTheDatabase() {
        String token = token(DAILY_CLIENT, DAILY_SECRET);
        for (int i = 0; i < 4; i++) {
            assertThat(send(postJson(STEADY, token, BODY).build()).statusCode()).as("call %d", i + 1).isEqualTo(200);
        }
        HttpResponse<byte[]> refused = send(postJson(STEADY, token, BODY).build());
        assertRejected(refused, 429, "RATE_LIMITED");
        assertThat(json(refused).path("detail").asText()).contains("daily quota of 4");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 86_400L);
        assertThat(dailyQuota.used(DAILY_CLIENT, LocalDate.now(ZoneOffset.UTC))).isEqualTo(4);
        PROVIDER.verify(4, postRequestedFor(urlPathEqualTo("/steady")));
    }

    @Test
    void failedTokenRequestsAreLimitedPerAddress() {
        String from = "127.0.0.7"; // an address of its own, so other tests' failures do not count
        for (int i = 0; i < TOKEN_FAILURES_PER_IP; i++) {
            assertThat(tokenRequest(from, EDGE_CLIENT, "wrong-" + i, "X-Forwarded-For: 10.9.8." + i + "\r\n"))
                    .startsWith("HTTP/1.1 401");
        }
        String refused = tokenRequest(from, EDGE_CLIENT, EDGE_SECRET, "X-Forwarded-For: 10.1.1.1\r\n");
        assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After:").contains("RATE_LIMITED");
        // the right secret from another address still works
        assertThat(tokenRequest("127.0.0.8", EDGE_CLIENT, EDGE_SECRET, "")).startsWith("HTTP/1.1 200");
        long audited = auditStore.find(new AuditQuery(null, null, AuditKind.REJECT, null, null, AuditQuery.MAX_LIMIT))
                .stream().filter(r -> "AUTH_INVALID".equals(r.code()) || "RATE_LIMITED".equals(r.code())).count();
        assertThat(audited).isGreaterThanOrEqualTo(TOKEN_FAILURES_PER_IP + 1);
    }

    /** A raw token request from a chosen loopback address; returns the whole answer. */
    private static String tokenRequest(String fromAddress, String clientId, String secret, String extraHeaders) {
        String body = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", HUB_PORT), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /token HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n" + extraHeaders
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder answer = new StringBuilder();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
