package vn.lgsp.hub.routes.apidoc;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /openapi/department-api.json} on the operator port: the department API's document, listed in the
 * Swagger UI ({@code /swagger-ui.html}) beside springdoc's generated operator API ({@code /v3/api-docs}).
 */
@Hidden
@RestController
public class ApiDocsController {

    private final DepartmentApiDocument document;

    public ApiDocsController(DepartmentApiDocument document) {
        this.document = document;
    }

    @GetMapping(path = "/openapi/department-api.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> departmentApi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document.json());
    }
}
