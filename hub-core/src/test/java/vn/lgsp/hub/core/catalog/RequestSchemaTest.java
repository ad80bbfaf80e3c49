package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request schemas are compiled at load time and validate bodies with the failing path. */
class RequestSchemaTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RequestSchema schema;

    @BeforeAll
    static void load() {
        Catalog catalog = ConfigDir.valid(dir).load();
        ServiceDefinition s = catalog.service("000.00.31.H99", "civil-status-lookup").orElseThrow();
        schema = catalog.requestSchema(s).orElseThrow();
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void namesTheSchemaFileRelativeToTheConfigDirectory() {
        assertThat(schema.file()).isEqualTo("schemas/civil-status-lookup.json");
    }

    @Test
    void aGoodBodyHasNoViolations() throws Exception {
        assertThat(schema.validate(json("""
                {"SoDinhDanh": "001099012345", "HoVaTen": "Nguyễn Văn Bình"}
                """))).isEmpty();
    }

    @Test
    void aWrongTypeIsReportedAtItsPath() throws Exception {
        List<RequestSchema.Violation> violations = schema.validate(json("{\"SoDinhDanh\": 1099012345}"));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.SoDinhDanh");
            assertThat(v.message()).contains("string");
        });
    }

    @Test
    void aPatternMismatchIsReportedAtItsPath() throws Exception {
        List<RequestSchema.Violation> violations = schema.validate(json("{\"SoDinhDanh\": \"12345\"}"));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.SoDinhDanh");
            assertThat(v.message()).contains("pattern");
        });
    }

    @Test
    void aMissingRequiredPropertyIsLocatedAtTheProperty() throws Exception {
        List<RequestSchema.Violation> violations = schema.validate(json("{\"HoVaTen\": \"Trần Thị Lan\"}"));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.SoDinhDanh");
            assertThat(v.message()).contains("SoDinhDanh");
        });
    }

    @Test
    void everyViolationIsReportedSortedByPath() throws Exception {
        List<RequestSchema.Violation> violations = schema.validate(json("{\"SoDinhDanh\": \"x\", \"HoVaTen\": \"\"}"));
        assertThat(violations).extracting(RequestSchema.Violation::path)
                .containsExactly("$.HoVaTen", "$.SoDinhDanh");
    }

    @Test
    void aBodyThatIsNotAnObjectFails() throws Exception {
        assertThat(schema.validate(json("[1, 2]"))).extracting(RequestSchema.Violation::path).containsExactly("$");
    }
}
