package vn.lgsp.hub.routes.ndxp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.dmdc.JdbcDmdcStore;
import vn.lgsp.hub.routes.dmdc.DmdcRefresher;
import vn.lgsp.hub.routes.support.HubTestSupport;

/** DMDC copies: fetched through the ndxp connector, served from the database, also while NDXP is down. */
class DmdcApiTest extends NdxpTestSupport {

    @Autowired
    DmdcRefresher refresher;
    @Autowired
    JdbcDmdcStore store;

    static HttpResponse<byte[]> read(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HubTestSupport.send(request.build());
    }

    void stubUnits() throws Exception {
        byte[] sample;
        try (var in = getClass().getResourceAsStream("/samples/dmdc-administrative-units.json")) {
            sample = in.readAllBytes();
        }
        NDXP.stubFor(get(DMDC_PATH + "/donvihanhchinhcap3").withHeader("Authorization", equalTo("Bearer " + NDXP_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json; charset=utf-8").withBody(sample)));
    }

    @Test
    void theScheduleCopiesTheConfiguredCatalogsAtStartup() {
        // NdxpTestSupport waits for the startup refresh; nothing else fetches "dantoc"
        assertThat(store.find("dantoc")).isPresent();
        HttpResponse<byte[]> response = read("/api/v1/dmdc/dantoc", consumerToken());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).contains("\"ten\":\"Kinh\"");
    }

    @Test
    void aCopyIsServedWithItsAgeAndStillServedWhileNdxpIsDown() throws Exception {
        stubUnits();
        assertThat(refresher.refresh("donvihanhchinhcap3")).isTrue();
        NDXP.verify(1, getRequestedFor(urlEqualTo(DMDC_PATH + "/donvihanhchinhcap3")));

        HttpResponse<byte[]> first = read("/api/v1/dmdc/donvihanhchinhcap3", consumerToken());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = HubTestSupport.json(first);
        assertThat(body.path("code").asText()).isEqualTo("donvihanhchinhcap3");
        assertThat(body.path("version").asText()).isEqualTo("2026-07-01");
        assertThat(body.path("items")).hasSize(3);
        assertThat(body.path("items").get(2).path("ten").asText()).isEqualTo("Xã Long Sơn");
        Instant fetchedAt = Instant.parse(body.path("fetchedAt").asText());
        assertThat(fetchedAt).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(body.path("ageSeconds").asLong()).isBetween(0L, 60L);
        assertThat(first.headers().firstValue("Age")).hasValueSatisfying(age -> assertThat(Long.parseLong(age)).isBetween(0L, 60L));
        assertThat(first.headers().firstValue("Last-Modified")).isPresent();

        // NDXP becomes unreachable: every connection is reset, the next refresh fails
        NDXP.resetAll();
        NDXP.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        await().pollDelay(Duration.ofMillis(1100)).until(() -> true); // so that the age visibly grows
        assertThat(refresher.refresh("donvihanhchinhcap3")).isFalse();
        HttpResponse<byte[]> later = read("/api/v1/dmdc/donvihanhchinhcap3", consumerToken());
        assertThat(later.statusCode()).isEqualTo(200);
        JsonNode kept = HubTestSupport.json(later);
        assertThat(kept.path("items")).hasSize(3);
        assertThat(Instant.parse(kept.path("fetchedAt").asText())).isEqualTo(fetchedAt);
        assertThat(Instant.parse(kept.path("lastAttemptAt").asText())).isAfter(fetchedAt);
        assertThat(kept.path("ageSeconds").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(later.headers().firstValue("Age").orElseThrow())).isGreaterThanOrEqualTo(1);
        assertThat(store.find("donvihanhchinhcap3").orElseThrow().lastError()).contains("127.0.0.1:" + NDXP.port());
    }

    @Test
    void theListNamesEachCopyWithItsAge() throws Exception {
        stubUnits();
        refresher.refresh("donvihanhchinhcap3");
        HttpResponse<byte[]> response = read("/api/v1/dmdc", consumerToken());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = HubTestSupport.json(response);
        assertThat(list.findValuesAsText("code")).contains("donvihanhchinhcap3");
        assertThat(list.findValuesAsText("href")).contains("/api/v1/dmdc/donvihanhchinhcap3");
    }

    @Test
    void anUnknownCatalogIs404ProblemAndAudited() {
        HttpResponse<byte[]> response = read("/api/v1/dmdc/khongtontai", consumerToken());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(HubTestSupport.json(response).path("code").asText()).isEqualTo("NOT_FOUND");
        String exchangeId = response.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        assertThat(auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 10))).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo("NOT_FOUND"));
    }

    @Test
    void readingNeedsAnAuthenticatedClient() {
        HttpResponse<byte[]> response = read("/api/v1/dmdc/dantoc", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(HubTestSupport.json(response).path("code").asText()).isEqualTo("AUTH_REQUIRED");
    }
}
