package vn.lgsp.hub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** {@code POST /token}: OAuth2 client credentials by form and by HTTP Basic, and its refusals. */
class TokenEndpointTest extends HubTestSupport {

    private static HttpResponse<byte[]> tokenRequest(String form, String authorization, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub("/token"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder.build());
    }

    @Test
    void issuesABearerTokenForFormCredentials() {
        HttpResponse<byte[]> response = tokenRequest("grant_type=client_credentials&client_id=test-consumer"
                + "&client_secret=demo-secret", null, "application/x-www-form-urlencoded");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.path("access_token").asText()).contains(".");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void issuesABearerTokenForHttpBasicCredentials() {
        HttpResponse<byte[]> response = tokenRequest("grant_type=client_credentials",
                basic(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET), "application/x-www-form-urlencoded");
        assertThat(response.statusCode()).isEqualTo(200);
        String token = json(response).path("access_token").asText();
        HttpResponse<byte[]> catalog = send(HttpRequest.newBuilder(hub("/api/v1/catalog"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(catalog.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAWrongSecret() {
        JsonNode problem = assertRejected(tokenRequest("grant_type=client_credentials&client_id=test-consumer"
                + "&client_secret=wrong", null, "application/x-www-form-urlencoded"), 401, "AUTH_INVALID");
        assertThat(problem.path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void refusesAnUnknownClientLikeAWrongSecret() {
        JsonNode problem = assertRejected(tokenRequest("grant_type=client_credentials&client_id=nobody"
                + "&client_secret=whatever", null, "application/x-www-form-urlencoded"), 401, "AUTH_INVALID");
        assertThat(problem.path("detail").asText()).isEqualTo("unknown client or wrong secret");
    }

    @Test
    void refusesMissingCredentials() {
        assertRejected(tokenRequest("grant_type=client_credentials", null, "application/x-www-form-urlencoded"),
                401, "AUTH_REQUIRED");
    }

    @Test
    void refusesAnotherGrantType() {
        JsonNode problem = assertRejected(tokenRequest("grant_type=password&client_id=test-consumer"
                + "&client_secret=demo-secret", null, "application/x-www-form-urlencoded"), 400, "INVALID_REQUEST");
        assertThat(problem.path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void refusesJsonBodies() {
        assertRejected(tokenRequest("{\"grant_type\":\"client_credentials\"}", null, "application/json"),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void refusesGet() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(hub("/token")).GET().build());
        assertRejected(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }
}
