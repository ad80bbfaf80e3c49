package vn.lgsp.hub.routes.apidoc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * The hand-written OpenAPI document of the department API ({@code classpath:openapi/department-api.yaml}),
 * read once and kept as JSON. The department API is Camel on its own Vert.x server, which springdoc does not
 * see, so it is described by hand; served on the department port at {@code /api/v1/openapi.json} and on the
 * operator port next to springdoc's generated operator API ({@link ApiDocsController}).
 */
@Component
public class DepartmentApiDocument {

    private static final String RESOURCE = "/openapi/department-api.yaml";
    private final byte[] json;

    public DepartmentApiDocument() {
        try (InputStream in = DepartmentApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(in);
            this.json = new ObjectMapper().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The document as JSON bytes (a copy). */
    public byte[] json() {
        return json.clone();
    }
}
