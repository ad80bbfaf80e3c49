package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.core.catalog.ConfigDir.BROKEN;
import static vn.lgsp.hub.core.catalog.Problems.assertHas;
import static vn.lgsp.hub.core.catalog.Problems.assertOnly;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Problems inside a service block: keys, codes, versions, methods, connectors, allow-lists. */
class CatalogLoaderServiceProblemsTest {

    static final String AGENCY = "agency: { code: \"000.00.40.H99\", name: \"Sở Y tế tỉnh H99\" }\n";

    @TempDir
    Path dir;

    /** The valid fixture plus a Sở Y tế file with these services (YAML list items, indented by 2). */
    List<CatalogProblem> problemsWithServices(String services) {
        return ConfigDir.valid(dir).write(BROKEN, AGENCY + "services:\n" + services).problems();
    }

    @Test
    void unknownKeyInsideAService() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: vaccination-lookup
                    connector: { type: rest, url: "https://syt.example/tiemchung" }
                    allowed: ["*"]
                """);
        assertOnly(problems, BROKEN, "services[0].allowed", "unknown key (known: allow, code, connector,");
    }

    @Test
    void duplicateServiceCodeWithinAFile() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: vaccination-lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                  - code: other
                    connector: { type: rest, url: "https://syt.example/b" }
                  - code: vaccination-lookup
                    connector: { type: rest, url: "https://syt.example/c" }
                """);
        assertOnly(problems, BROKEN, "services[2].code",
                "duplicate service 'vaccination-lookup' (already declared as services[0])");
    }

    @Test
    void sameServiceCodeAtTwoProvidersIsFine() {
        Catalog catalog = ConfigDir.valid(dir).write(BROKEN, AGENCY + """
                services:
                  - code: civil-status-lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                """).load();
        assertThat(catalog.service("000.00.40.H99", "civil-status-lookup")).isPresent();
        assertThat(catalog.service("000.00.31.H99", "civil-status-lookup")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TraCuu", "tra_cuu", "-lookup", "tra cứu"})
    void badServiceCode(String code) {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: "%s"
                    connector: { type: rest, url: "https://syt.example/a" }
                """.formatted(code));
        assertOnly(problems, BROKEN, "services[0].code", "must be 1-64 characters of a-z 0-9 and '-'");
    }

    @Test
    void missingServiceCode() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - connector: { type: rest, url: "https://syt.example/a" }
                """);
        assertOnly(problems, BROKEN, "services[0].code", "is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\"1\"", "v1", "[1]"})
    void badVersion(String version) {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    version: %s
                    connector: { type: rest, url: "https://syt.example/a" }
                """.formatted(version));
        assertOnly(problems, BROKEN, "services[0].version", "must be a whole number >= 1");
    }

    @Test
    void badMethods() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    methods: [GET, FETCH]
                    connector: { type: rest, url: "https://syt.example/a" }
                """);
        assertOnly(problems, BROKEN, "services[0].methods[1]", "'FETCH' is not one of [DELETE, GET, PATCH, POST, PUT]");
    }

    @Test
    void methodsMustBeAList() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    methods: GET
                    connector: { type: rest, url: "https://syt.example/a" }
                """);
        assertOnly(problems, BROKEN, "services[0].methods", "must be a list");
    }

    @Test
    void missingConnector() {
        assertOnly(problemsWithServices("  - code: lookup\n"), BROKEN, "services[0].connector", "is required");
    }

    @Test
    void connectorThatIsNotAMapping() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: "https://syt.example/a"
                """);
        assertOnly(problems, BROKEN, "services[0].connector", "must be a mapping with at least a type");
    }

    @Test
    void connectorWithoutType() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: { url: "https://syt.example/a" }
                """);
        assertOnly(problems, BROKEN, "services[0].connector.type", "is required");
    }

    @Test
    void unknownConnectorType() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: { type: soap, url: "https://syt.example/ws" }
                """);
        assertOnly(problems, BROKEN, "services[0].connector.type", "unknown connector type 'soap' (known: rest)");
    }

    @Test
    void connectorProblemsFromTheFactoryNameTheProperty() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: { type: rest, method: POST, retries: 3 }
                  - code: other
                    connector: { type: rest, url: "ftp://syt.example/b" }
                """);
        assertThat(problems).hasSize(3);
        assertHas(problems, BROKEN, "services[0].connector.url", "is required");
        assertHas(problems, BROKEN, "services[0].connector.retries", "unknown key for a rest connector");
        assertHas(problems, BROKEN, "services[1].connector.url", "must be an http(s) URL, was 'ftp://syt.example/b'");
    }

    @Test
    void aServiceWithABadConnectorStillHasItsOtherProblemsReported() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: { type: soap }
                    allow: ["group:quan-huyen"]
                    published-path: /apiCongDan
                  - code: lookup
                    connector: { type: rest }
                """);
        assertThat(problems).hasSize(5);
        assertHas(problems, BROKEN, "services[0].connector.type", "unknown connector type 'soap'");
        assertHas(problems, BROKEN, "services[0].allow[0]", "unknown group 'quan-huyen'");
        assertHas(problems, BROKEN, "services[0].published-path", "is already used in catalog/ndxp.yaml");
        assertHas(problems, BROKEN, "services[1].connector.url", "is required");
        assertHas(problems, BROKEN, "services[1].code", "duplicate service 'lookup'");
    }

    @Test
    void personalDataNeedsAPurpose() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                    personal-data: { subject: "$.SoDinhDanh" }
                """);
        assertOnly(problems, BROKEN, "services[0].personal-data.purposes", "must list at least one purpose code");
    }

    @Test
    void unknownGroupInAllow() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                    allow: ["group:districts", "group:quan-huyen"]
                """);
        assertOnly(problems, BROKEN, "services[0].allow[1]", "unknown group 'quan-huyen' (declare it in groups.yaml)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sở Tư pháp", "31.H99", "000.00.31.h99", "all", "group", "**"})
    void malformedAllowEntry(String entry) {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                    allow: ["000.00.31.H99", "%s"]
                """.formatted(entry));
        assertOnly(problems, BROKEN, "services[0].allow[1]",
                "'" + entry + "' is neither an agency code, group:NAME nor *");
    }

    @Test
    void allowMustBeAListOfTexts() {
        List<CatalogProblem> problems = problemsWithServices("""
                  - code: lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                    allow: "*"
                  - code: other
                    connector: { type: rest, url: "https://syt.example/b" }
                    allow: ["NDXP", ""]
                """);
        assertThat(problems).hasSize(2);
        assertHas(problems, BROKEN, "services[0].allow", "must be a list");
        assertHas(problems, BROKEN, "services[1].allow[1]", "must be a non-empty text");
    }
}
