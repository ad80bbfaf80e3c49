package vn.lgsp.hub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * The hub's own API described on the operator port: springdoc's generated {@code /v3/api-docs} (the ops
 * controllers), the hand-written department API beside it, and the Swagger UI offering both.
 */
class OperatorApiDocsTest extends HubTestSupport {

    private HttpResponse<byte[]> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ops(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private String auditor() {
        return basic(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD);
    }

    @Test
    void generatesTheOperatorApiDocumentFromTheOpsControllers() {
        HttpResponse<byte[]> response = get("/v3/api-docs", auditor());

        assertThat(response.statusCode()).isEqualTo(200);
        var document = json(response);
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("paths").has("/ops/v1/catalog/status")).isTrue();
        assertThat(document.path("paths").has("/ops/v1/dead-letters")).isTrue();
        assertThat(document.path("paths").fieldNames()).toIterable().allMatch(p -> p.startsWith("/ops/"));
    }

    @Test
    void offersTheDepartmentApiBesideItInTheSwaggerUi() {
        HttpResponse<byte[]> config = get("/v3/api-docs/swagger-config", auditor());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(json(config).path("urls").findValuesAsText("url"))
                .contains("/v3/api-docs", "/openapi/department-api.json");
        HttpResponse<byte[]> department = get("/openapi/department-api.json", auditor());
        assertThat(department.statusCode()).isEqualTo(200);
        assertThat(json(department).path("paths").has("/token")).isTrue();
        HttpResponse<byte[]> ui = get("/swagger-ui/index.html", auditor());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(new String(ui.body(), StandardCharsets.UTF_8)).contains("swagger-ui");
    }

    @Test
    void theDescriptionsNeedAnOperatorAccount() {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(401);
    }
}
