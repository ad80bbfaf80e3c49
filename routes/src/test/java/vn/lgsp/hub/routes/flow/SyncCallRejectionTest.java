package vn.lgsp.hub.routes.flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.auth.TokenService;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * Every bad input of the sync path: the right problem+json, a REJECT audit record, and nothing reaching
 * the provider.
 */
class SyncCallRejectionTest extends HubTestSupport {

    private static final String CITIZEN = "/api/v1/services/NDXP/citizen-lookup";
    private static final String VALID = "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R1\"}";

    @BeforeEach
    void providerWouldAnswer() {
        PROVIDER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @AfterEach
    void nothingReachedTheProvider() {
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    private static HttpResponse<byte[]> postJson(String path, String authorization, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    @Test
    void missingTokenIs401AuthRequired() {
        assertRejected(postJson(CITIZEN, null, "application/json", VALID), 401, "AUTH_REQUIRED");
    }

    @Test
    void garbageTokenIs401AuthInvalid() {
        assertRejected(postJson(CITIZEN, "Bearer not-a-token", "application/json", VALID), 401, "AUTH_INVALID");
    }

    @Test
    void expiredTokenIs401AuthInvalid() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String expired = new TokenService(Base64.getDecoder().decode(TestCatalog.SIGNING_KEY), Duration.ofHours(1), past)
                .issue(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER).accessToken();
        JsonNode problem = assertRejected(postJson(CITIZEN, "Bearer " + expired, "application/json", VALID),
                401, "AUTH_INVALID");
        assertThat(problem.path("detail").asText()).contains("expired");
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() {
        String forged = new TokenService(new byte[32], Duration.ofHours(1), Clock.systemUTC())
                .issue(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER).accessToken();
        assertRejected(postJson(CITIZEN, "Bearer " + forged, "application/json", VALID), 401, "AUTH_INVALID");
    }

    @Test
    void tokenOfARemovedClientIs401() {
        String orphan = new TokenService(Base64.getDecoder().decode(TestCatalog.SIGNING_KEY), Duration.ofHours(1),
                Clock.systemUTC()).issue("removed-client", TestCatalog.CONSUMER).accessToken();
        JsonNode problem = assertRejected(postJson(CITIZEN, "Bearer " + orphan, "application/json", VALID),
                401, "AUTH_INVALID");
        assertThat(problem.path("detail").asText()).contains("no longer registered");
    }

    @Test
    void wrongApiKeyIs401() {
        assertRejected(send(HttpRequest.newBuilder(hub(CITIZEN)).header("X-API-Key", "nope")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(VALID)).build()),
                401, "AUTH_INVALID");
    }

    @Test
    void basicAuthOnTheServiceApiIs401() {
        assertRejected(postJson(CITIZEN, basic(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET),
                "application/json", VALID), 401, "AUTH_INVALID");
    }

    @Test
    void clientNotOnTheAllowListIs403() {
        String other = token(TestCatalog.OTHER_CLIENT, TestCatalog.OTHER_SECRET);
        JsonNode problem = assertRejected(postJson(CITIZEN, "Bearer " + other, "application/json", VALID),
                403, "ACCESS_DENIED");
        assertThat(problem.path("detail").asText()).contains("000.00.31.H99").contains("NDXP/citizen-lookup");
    }

    @Test
    void unknownServiceIs404() {
        assertRejected(postJson("/api/v1/services/NDXP/no-such-service", "Bearer " + consumerToken(),
                "application/json", VALID), 404, "SERVICE_NOT_FOUND");
    }

    @Test
    void unknownProviderIs404() {
        assertRejected(postJson("/api/v1/services/000.00.77.H99/citizen-lookup", "Bearer " + consumerToken(),
                "application/json", VALID), 404, "SERVICE_NOT_FOUND");
    }

    @Test
    void unknownPathIs404() {
        assertRejected(postJson("/no/such/path", "Bearer " + consumerToken(), "application/json", VALID),
                404, "NOT_FOUND");
    }

    @Test
    void dotSegmentsAreRefused() {
        assertRejected(send(HttpRequest.newBuilder(hub("/api/v1/services/000.00.32.H99/business-lookup/%2e%2e/admin"))
                .header("Authorization", "Bearer " + consumerToken()).GET().build()), 400, "INVALID_REQUEST");
    }

    @Test
    void wrongMethodIs405() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(hub(CITIZEN))
                .header("Authorization", "Bearer " + consumerToken()).GET().build());
        assertRejected(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void bodyFailingTheSchemaIs422WithThePath() {
        JsonNode problem = assertRejected(postJson(CITIZEN, "Bearer " + consumerToken(), "application/json",
                "{\"SoDinhDanh\":\"12AB\",\"MaYeuCau\":\"R1\"}"), 422, "VALIDATION_FAILED");
        assertThat(problem.path("detail").asText()).contains("$.SoDinhDanh");
        assertThat(problem.path("errors").get(0).path("path").asText()).isEqualTo("$.SoDinhDanh");
    }

    @Test
    void missingRequiredFieldIs422() {
        JsonNode problem = assertRejected(postJson(CITIZEN, "Bearer " + consumerToken(), "application/json",
                "{\"SoDinhDanh\":\"077190001234\"}"), 422, "VALIDATION_FAILED");
        assertThat(problem.path("errors").toString()).contains("MaYeuCau");
    }

    @Test
    void malformedJsonIs400() {
        assertRejected(postJson(CITIZEN, "Bearer " + consumerToken(), "application/json", "{\"SoDinhDanh\": "),
                400, "MALFORMED_BODY");
    }

    @Test
    void trailingGarbageAfterJsonIs400() {
        assertRejected(postJson(CITIZEN, "Bearer " + consumerToken(), "application/json", VALID + " {}"),
                400, "MALFORMED_BODY");
    }

    @Test
    void wrongContentTypeIs415() {
        assertRejected(postJson(CITIZEN, "Bearer " + consumerToken(), "text/plain", VALID), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void missingContentTypeIs415() {
        assertRejected(postJson(CITIZEN, "Bearer " + consumerToken(), null, VALID), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void nonUtf8JsonIs415() {
        assertRejected(postJson(CITIZEN, "Bearer " + consumerToken(), "application/json; charset=ISO-8859-1", VALID),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        HttpResponse<byte[]> response = postJson(CITIZEN, "Bearer " + consumerToken(), "application/json", big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(auditOf(response)).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("REJECT");
            assertThat(r.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        });
    }
}
