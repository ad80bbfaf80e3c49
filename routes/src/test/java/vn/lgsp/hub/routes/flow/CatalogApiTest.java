package vn.lgsp.hub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/** {@code GET /api/v1/catalog} lists exactly what the caller may call. */
class CatalogApiTest extends HubTestSupport {

    private static HttpResponse<byte[]> catalog(String token, String path) {
        return send(HttpRequest.newBuilder(hub(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private static List<String> addresses(JsonNode catalog) {
        List<String> result = new ArrayList<>();
        catalog.path("services").forEach(s -> result.add(s.path("address").asText()));
        return result;
    }

    @Test
    void listsTheServicesTheConsumerMayCall() {
        HttpResponse<byte[]> response = catalog(consumerToken(), "/api/v1/catalog");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(addresses(body)).containsExactly(
                "/api/v1/services/000.00.31.H99/civil-status-lookup",
                "/api/v1/services/000.00.32.H99/business-lookup",
                "/api/v1/services/NDXP/citizen-lookup",
                "/api/v1/services/NDXP/dead-lookup",
                "/api/v1/services/NDXP/slow-lookup");
        JsonNode citizen = body.path("services").get(2);
        assertThat(citizen.path("providerName").asText()).isEqualTo("Nền tảng NDXP");
        assertThat(citizen.path("version").asInt()).isEqualTo(1);
        assertThat(citizen.path("methods").toString()).isEqualTo("[\"POST\"]");
        assertThat(citizen.path("publishedPath").asText()).isEqualTo("/apiCSDLDanCu/1.0/traCuu");
        assertThat(citizen.path("requestSchema").asText())
                .isEqualTo("/api/v1/catalog/NDXP/citizen-lookup/request-schema");
        assertThat(citizen.path("openApi").asText()).isEqualTo("/api/v1/catalog/NDXP/citizen-lookup/openapi.json");
        // a rest service has no WSDL (a soap connector offers one through ConnectorFactory.consumerLinks)
        assertThat(citizen.path("wsdl").isNull()).isTrue();
    }

    @Test
    void servesEachCallableServicesOpenApiDocumentGeneratedFromTheCatalog() {
        HttpResponse<byte[]> response = catalog(consumerToken(), "/api/v1/catalog/NDXP/citizen-lookup/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json(response);
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("description").asText()).contains("Nền tảng NDXP");
        assertThat(document.path("paths").has("/api/v1/services/NDXP/citizen-lookup")).isTrue();
        assertThat(document.path("paths").has("/apiCSDLDanCu/1.0/traCuu")).isTrue();
        assertThat(document.path("paths").path("/api/v1/services/NDXP/citizen-lookup").fieldNames())
                .toIterable().containsExactly("post");
        assertThat(document.path("components").path("schemas").path("Request").path("required").toString())
                .contains("SoDinhDanh");
        String otherToken = token(TestCatalog.OTHER_CLIENT, TestCatalog.OTHER_SECRET);
        assertRejected(catalog(otherToken, "/api/v1/catalog/NDXP/citizen-lookup/openapi.json"), 404, "NOT_FOUND");
    }

    @Test
    void describesTheDepartmentApiWithoutAuthentication() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(hub("/api/v1/openapi.json")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode document = json(response);
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("paths").has("/api/v1/catalog/{provider}/{service}/openapi.json")).isTrue();
    }

    @Test
    void hidesWhatTheCallerMayNotCall() {
        String token = token(TestCatalog.OTHER_CLIENT, TestCatalog.OTHER_SECRET);
        assertThat(addresses(json(catalog(token, "/api/v1/catalog"))))
                .containsExactly("/api/v1/services/000.00.32.H99/business-lookup");
        assertRejected(catalog(token, "/api/v1/catalog/NDXP/citizen-lookup/request-schema"), 404, "NOT_FOUND");
    }

    @Test
    void servesTheRequestSchemaToAllowedConsumers() {
        HttpResponse<byte[]> response = catalog(consumerToken(), "/api/v1/catalog/NDXP/citizen-lookup/request-schema");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("required").toString()).contains("SoDinhDanh");
    }

    @Test
    void listsTheTopicsTheCallerPublishesOrReceives() {
        JsonNode publisher = json(catalog(token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET),
                "/api/v1/catalog"));
        assertThat(publisher.path("topics").toString()).contains("\"role\":\"publisher\"")
                .contains("/api/v1/topics/000.00.32.H99/business-registered/records");
        JsonNode subscriber = json(catalog(token(TestCatalog.OTHER_CLIENT, TestCatalog.OTHER_SECRET), "/api/v1/catalog"));
        assertThat(subscriber.path("topics")).anySatisfy(t -> {
            assertThat(t.path("topic").asText()).isEqualTo("business-registered");
            assertThat(t.path("role").asText()).isEqualTo("subscriber");
        }).allSatisfy(t -> assertThat(t.path("role").asText()).isEqualTo("subscriber"));
        assertThat(json(catalog(consumerToken(), "/api/v1/catalog")).path("topics")).isEmpty();
    }

    @Test
    void linksAndServesTheWsdlOfASoapServiceWithTheHubAsItsAddress() {
        JsonNode civilStatus = json(catalog(consumerToken(), "/api/v1/catalog")).path("services").get(0);
        String wsdlPath = "/api/v1/catalog/000.00.31.H99/civil-status-lookup/service.wsdl";
        assertThat(civilStatus.path("service").asText()).isEqualTo("civil-status-lookup");
        assertThat(civilStatus.path("wsdl").asText()).isEqualTo(wsdlPath);
        assertThat(civilStatus.path("links").path("wsdl").asText()).isEqualTo(wsdlPath);

        HttpResponse<byte[]> response = catalog(consumerToken(), wsdlPath);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/wsdl+xml"));
        String wsdl = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(wsdl).contains("definitions").contains("portType")
                .contains("location=\"" + hub("/api/v1/services/000.00.31.H99/civil-status-lookup") + "\"")
                .doesNotContain("/ho-tich/soap");
    }

    @Test
    void servesNoWsdlForARestServiceNorToAConsumerWhoMayNotCallTheService() {
        assertRejected(catalog(consumerToken(), "/api/v1/catalog/NDXP/citizen-lookup/service.wsdl"), 404, "NOT_FOUND");
        String otherToken = token(TestCatalog.OTHER_CLIENT, TestCatalog.OTHER_SECRET);
        assertRejected(catalog(otherToken, "/api/v1/catalog/000.00.31.H99/civil-status-lookup/service.wsdl"),
                404, "NOT_FOUND");
        assertRejected(catalog(consumerToken(), "/api/v1/catalog/000.00.31.H99/civil-status-lookup/other.xml"),
                404, "NOT_FOUND");
    }

    @Test
    void requiresAuthentication() {
        assertRejected(send(HttpRequest.newBuilder(hub("/api/v1/catalog")).GET().build()), 401, "AUTH_REQUIRED");
    }
}
