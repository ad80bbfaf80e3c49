package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.core.catalog.ConfigDir.BROKEN;
import static vn.lgsp.hub.core.catalog.Problems.assertOnly;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Published paths and schema files: the paths a service declares. */
class CatalogLoaderPathProblemsTest {

    static final String AGENCY = "agency: { code: \"000.00.40.H99\", name: \"Sở Y tế tỉnh H99\" }\n";

    @TempDir
    Path dir;

    static String serviceWith(String extraLine) {
        return AGENCY + """
                services:
                  - code: lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                    %s
                """.formatted(extraLine);
    }

    List<CatalogProblem> problemsWith(String extraLine) {
        return ConfigDir.valid(dir).write(BROKEN, serviceWith(extraLine)).problems();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative", "relative/path", "/", "/trailing/", "//double", "/with space", "/a/../b",
            "/a/./b", "/..", "/api/v1/services/x/../../../ops", "/query?x=1", "/tiếng-việt"})
    void malformedPublishedPath(String path) {
        assertOnly(problemsWith("published-path: \"" + path + "\""), BROKEN, "services[0].published-path",
                "must be an absolute path of plain segments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/x", "/api", "/token", "/token/x", "/soap/v1/hub", "/soap", "/ops",
            "/ops/v1/audit", "/actuator", "/actuator/health", "/console"})
    void publishedPathReservedByTheHub(String path) {
        assertOnly(problemsWith("published-path: \"" + path + "\""), BROKEN, "services[0].published-path",
                "must not start with a path the hub itself serves");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/apiYTe", "/tokenizer", "/operations/v1", "/ngsp/api/v1/x", "/a.b/~c_d/1.0",
            "/apiSoYTe/1.0/traCuu"})
    void publishedPathsThatOnlyLookLikeHubPathsAreAccepted(String path) {
        Catalog catalog = ConfigDir.valid(dir).write(BROKEN, serviceWith("published-path: \"" + path + "\"")).load();
        assertThat(catalog.byPublishedPath(path).orElseThrow().service().key()).isEqualTo("000.00.40.H99/lookup");
    }

    @Test
    void duplicatePublishedPathAcrossFiles() {
        assertOnly(problemsWith("published-path: /apiHoTichTuPhap/1.0/traCuu"), BROKEN, "services[0].published-path",
                "published path '/apiHoTichTuPhap/1.0/traCuu' is already used in catalog/stp.yaml");
    }

    @Test
    void missingSchemaFile() {
        assertOnly(problemsWith("request-schema: schemas/vaccination.json"), BROKEN, "services[0].request-schema",
                "schema file not found");
    }

    @Test
    void schemaFileOutsideTheConfigDirectory() {
        assertOnly(problemsWith("request-schema: ../outside.json"), BROKEN, "services[0].request-schema",
                "must be a path inside the configuration directory, was '../outside.json'");
    }

    @Test
    void schemaFileThatIsNotJson() {
        List<CatalogProblem> problems = ConfigDir.valid(dir)
                .write("schemas/vaccination.json", "{\n  \"type\": \"object\",\n  \"properties\": {\n}")
                .write(BROKEN, serviceWith("request-schema: schemas/vaccination.json"))
                .problems();
        assertOnly(problems, BROKEN, "services[0].request-schema", "schema schemas/vaccination.json is not valid JSON");
        assertThat(problems.get(0).reason()).contains("line 4").doesNotContain("\n");
    }

    @Test
    void schemaWithAnUnresolvableReference() {
        List<CatalogProblem> problems = ConfigDir.valid(dir)
                .write("schemas/vaccination.json", "{\"$ref\": \"#/$defs/missing\"}")
                .write(BROKEN, serviceWith("request-schema: schemas/vaccination.json"))
                .problems();
        assertOnly(problems, BROKEN, "services[0].request-schema",
                "schema schemas/vaccination.json is not a valid JSON Schema");
        assertThat(problems.get(0).reason()).contains("/$defs/missing");
    }

    @Test
    void schemaWithABadPatternIsStillOneLineOfTheMessage() {
        CatalogException e = ConfigDir.valid(dir)
                .write("schemas/vaccination.json", "{\"properties\": {\"x\": {\"pattern\": \"[unclosed\"}}}")
                .write(BROKEN, serviceWith("request-schema: schemas/vaccination.json"))
                .failure();
        assertOnly(e.problems(), BROKEN, "services[0].request-schema",
                "schema schemas/vaccination.json is not a valid JSON Schema");
        assertThat(e.getMessage().lines()).hasSize(2);
        assertThat(e.getMessage().lines().skip(1).findFirst().orElseThrow())
                .startsWith("  " + BROKEN + ": services[0].request-schema: schema schemas/vaccination.json")
                .contains("Unclosed character class");
    }

    @Test
    void oneSchemaFileMayServeSeveralServices() {
        Catalog catalog = ConfigDir.valid(dir).write(BROKEN, AGENCY + """
                services:
                  - code: a
                    connector: { type: rest, url: "https://syt.example/a" }
                    request-schema: schemas/civil-status-lookup.json
                  - code: b
                    connector: { type: rest, url: "https://syt.example/b" }
                    request-schema: ./schemas/../schemas/civil-status-lookup.json
                """).load();
        RequestSchema a = catalog.requestSchema(catalog.service("000.00.40.H99", "a").orElseThrow()).orElseThrow();
        RequestSchema b = catalog.requestSchema(catalog.service("000.00.40.H99", "b").orElseThrow()).orElseThrow();
        assertThat(b).isSameAs(a);
    }

    @Test
    void aBrokenSchemaIsReportedForEveryServiceUsingIt() {
        List<CatalogProblem> problems = ConfigDir.valid(dir)
                .write("schemas/civil-status-lookup.json", "[")
                .write(BROKEN, serviceWith("request-schema: schemas/civil-status-lookup.json"))
                .problems();
        assertThat(problems).extracting(CatalogProblem::file).containsExactlyInAnyOrder("catalog/stp.yaml", BROKEN);
        assertThat(problems).extracting(CatalogProblem::field).containsOnly("services[0].request-schema");
    }
}
