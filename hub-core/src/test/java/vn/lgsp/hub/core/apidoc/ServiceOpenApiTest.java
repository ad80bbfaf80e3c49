package vn.lgsp.hub.core.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.catalog.PersonalDataSpec;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.connector.ConnectorSpec;

/**
 * The per-service OpenAPI document is a valid OpenAPI 3.1 document (checked with swagger-parser) describing
 * exactly what the catalog says; so is the hand-written department API document.
 */
class ServiceOpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["soDinhDanh"],
             "properties":{"soDinhDanh":{"type":"string","pattern":"^[0-9]{12}$"},"hoTen":{"type":"string"}}}
            """;

    private static ServiceDefinition service(Set<String> methods, PersonalDataSpec personalData, String publishedPath) {
        return new ServiceDefinition("000.00.31.H99", "civil-status-lookup", "Tra cứu hộ tịch", 2,
                new ConnectorSpec("rest", Map.of("url", "http://hotich.example/api")), methods, null, personalData,
                List.of("*"), publishedPath, "catalog/so-tu-phap.yaml");
    }

    private static SwaggerParseResult parse(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(text, null, options);
    }

    @Test
    void describesAPersonalDataServiceWithItsSchemaPurposesAndPublishedPath() throws Exception {
        JsonNode schema = JSON.readTree(SCHEMA);
        String document = JSON.writeValueAsString(ServiceOpenApi.document(
                service(Set.of("GET", "POST"), new PersonalDataSpec("$.soDinhDanh", List.of("TTHC", "THANH_TRA")),
                        "/apiHoTichTuPhap/1.0/traCuu"),
                "Sở Tư pháp", schema, Map.of("wsdl", "/soap/v1/services/000.00.31.H99/civil-status-lookup?wsdl")));

        SwaggerParseResult result = parse(document);

        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(api.getInfo().getTitle()).isEqualTo("Tra cứu hộ tịch (000.00.31.H99/civil-status-lookup)");
        assertThat(api.getInfo().getVersion()).isEqualTo("2");
        assertThat(api.getInfo().getDescription()).contains("Sở Tư pháp", "wsdl: /soap/v1/services/");
        assertThat(api.getPaths()).containsOnlyKeys("/api/v1/services/000.00.31.H99/civil-status-lookup",
                "/api/v1/services/000.00.31.H99/civil-status-lookup/{subPath}", "/apiHoTichTuPhap/1.0/traCuu");
        Operation post = api.getPaths().get("/api/v1/services/000.00.31.H99/civil-status-lookup").getPost();
        assertThat(post.getRequestBody().getRequired()).isTrue();
        assertThat(post.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Request");
        assertThat(api.getComponents().getSchemas().get("Request").getRequired()).containsExactly("soDinhDanh");
        Parameter purpose = post.getParameters().stream().filter(p -> p.getName().equals("X-Purpose")).findFirst()
                .orElseThrow();
        assertThat(purpose.getRequired()).isTrue();
        assertThat(purpose.getSchema().getEnum()).containsExactly("TTHC", "THANH_TRA");
        assertThat(post.getResponses()).containsKeys("2XX", "401", "403", "422", "502", "504");
        assertThat(api.getPaths().get("/api/v1/services/000.00.31.H99/civil-status-lookup").getGet().getRequestBody())
                .isNull();
        assertThat(api.getPaths().get("/api/v1/services/000.00.31.H99/civil-status-lookup").getPut()).isNull();
    }

    @Test
    void aServiceWithoutSchemaTakesAnyBodyAndHasNo422() throws Exception {
        String document = JSON.writeValueAsString(ServiceOpenApi.document(service(Set.of("POST"), null, null),
                null, null, Map.of()));

        SwaggerParseResult result = parse(document);

        assertThat(result.getMessages()).isEmpty();
        Operation post = result.getOpenAPI().getPaths().get("/api/v1/services/000.00.31.H99/civil-status-lookup").getPost();
        assertThat(post.getRequestBody().getRequired()).isFalse();
        assertThat(post.getRequestBody().getContent()).containsOnlyKeys("*/*");
        assertThat(post.getResponses()).doesNotContainKey("422");
        assertThat(post.getParameters()).extracting(Parameter::getName).containsExactly("X-Request-Id");
        assertThat(result.getOpenAPI().getInfo().getDescription()).startsWith("Provided by 000.00.31.H99 through");
    }

    @Test
    void theHandWrittenDepartmentApiDocumentIsValid() throws Exception {
        String yaml = Files.readString(Path.of("../routes/src/main/resources/openapi/department-api.yaml"));

        SwaggerParseResult result = parse(yaml);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/token", "/api/v1/services/{provider}/{service}",
                "/api/v1/topics/{publisher}/{topic}/records", "/api/v1/catalog",
                "/api/v1/catalog/{provider}/{service}/openapi.json");
    }
}
