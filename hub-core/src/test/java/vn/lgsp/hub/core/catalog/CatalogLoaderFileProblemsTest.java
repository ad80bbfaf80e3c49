package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.core.catalog.ConfigDir.BROKEN;
import static vn.lgsp.hub.core.catalog.Problems.assertHas;
import static vn.lgsp.hub.core.catalog.Problems.assertOnly;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with whole files: missing folder, YAML syntax, top-level keys, agencies, groups.yaml. */
class CatalogLoaderFileProblemsTest {

    @TempDir
    Path dir;

    List<CatalogProblem> problemsWith(String brokenFile) {
        return ConfigDir.valid(dir).write(BROKEN, brokenFile).problems();
    }

    @Test
    void missingCatalogDirectory() {
        List<CatalogProblem> problems = ConfigDir.empty(dir).write("groups.yaml", "groups: {}\n").problems();
        assertOnly(problems, dir.resolve("catalog").toString(), "", "catalog directory not found");
    }

    @Test
    void yamlSyntaxErrorNamesTheLineOfTheMistake() {
        List<CatalogProblem> problems = problemsWith(
                "agency:\n  code: \"000.00.40.H99\"\n\tname: \"Sở Y tế tỉnh H99\"\nservices: []\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(BROKEN);
            assertThat(p.field()).isEqualTo("line 3");
            assertThat(p.reason()).startsWith("not valid YAML: ").contains("TAB").doesNotContain("\n");
        });
    }

    @Test
    void unclosedFlowMappingNamesTheLineWhereItWasNoticed() {
        List<CatalogProblem> problems = problemsWith("""
                agency: { code: "000.00.40.H99", name: "Sở Y tế tỉnh H99"
                services: []
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(BROKEN);
            assertThat(p.field()).isEqualTo("line 2");
            assertThat(p.reason()).startsWith("not valid YAML: while parsing a flow mapping");
        });
    }

    @Test
    void duplicateKeysAreRejected() {
        List<CatalogProblem> problems = problemsWith("""
                agency: { code: "000.00.40.H99", name: "Sở Y tế tỉnh H99" }
                services:
                  - code: lookup
                    connector: { type: rest, url: "https://syt.example/a" }
                    connector: { type: rest, url: "https://syt.example/b" }
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(BROKEN);
            assertThat(p.field()).isEqualTo("line 5");
            assertThat(p.reason()).contains("not valid YAML").contains("Duplicate field 'connector'");
        });
    }

    @Test
    void emptyFile() {
        assertOnly(problemsWith(""), BROKEN, "", "file is empty");
    }

    @Test
    void fileThatIsNotAMapping() {
        assertOnly(problemsWith("- agency\n- services\n"), BROKEN, "", "must be a mapping");
    }

    @Test
    void unknownTopLevelKey() {
        List<CatalogProblem> problems = problemsWith("""
                agency: { code: "000.00.40.H99", name: "Sở Y tế tỉnh H99" }
                service: []
                """);
        assertOnly(problems, BROKEN, "service", "unknown key (known: agency, clients, services, subscriptions, topics)");
    }

    @Test
    void missingAgency() {
        assertOnly(problemsWith("clients: []\n"), BROKEN, "agency", "is required");
    }

    @Test
    void agencyWithoutName() {
        assertOnly(problemsWith("agency: { code: \"000.00.40.H99\" }\n"), BROKEN, "agency.name", "is required");
    }

    @Test
    void unknownKeyInAgency() {
        assertOnly(problemsWith("agency: { code: \"000.00.40.H99\", name: \"Sở Y tế\", ten: \"x\" }\n"),
                BROKEN, "agency.ten", "unknown key (known: code, name)");
    }

    @Test
    void badAgencyCodes() {
        ConfigDir config = ConfigDir.valid(dir);
        for (String code : List.of("31.H99", "000.00.31.h99", "000.0.31.H99", "000.00.31.H9", "ndxp", "H99")) {
            List<CatalogProblem> problems = config
                    .write(BROKEN, "agency: { code: \"" + code + "\", name: \"Sở Y tế\" }\n").problems();
            assertOnly(problems, BROKEN, "agency.code", "'" + code + "' is not an agency code in the QCVN 102:2016 form");
        }
    }

    @Test
    void sameAgencyInTwoFiles() {
        List<CatalogProblem> problems = problemsWith("agency: { code: \"000.00.31.H99\", name: \"Sở Tư pháp (bản sao)\" }\n");
        assertOnly(problems, BROKEN, "agency.code", "agency '000.00.31.H99' is already declared in catalog/stp.yaml");
    }

    @Test
    void groupMembersMustBeAgencyCodes() {
        List<CatalogProblem> problems = ConfigDir.valid(dir).write("groups.yaml", """
                groups:
                  districts: ["000.00.10.H99", "huyen-lac-son"]
                  departments: ["000.00.31.H99"]
                """).problems();
        assertOnly(problems, "groups.yaml", "groups.districts[1]", "'huyen-lac-son' is not an agency code");
    }

    @Test
    void groupsMustBeAMapping() {
        List<CatalogProblem> problems = ConfigDir.valid(dir).write("groups.yaml", "groups: [districts]\n").problems();
        assertHas(problems, "groups.yaml", "groups", "must be a mapping of group name to a list of agency codes");
    }

    @Test
    void unknownKeyInGroupsFile() {
        List<CatalogProblem> problems = ConfigDir.valid(dir).write("groups.yaml", """
                groups:
                  districts: ["000.00.10.H99", "000.00.11.H99"]
                  departments: ["000.00.31.H99"]
                group: {}
                """).problems();
        assertOnly(problems, "groups.yaml", "group", "unknown key (known: groups)");
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        ConfigDir config = ConfigDir.valid(dir)
                .write("catalog/so-y-te.yaml", """
                        agency: { code: "000.00.40.H99", name: "Sở Y tế tỉnh H99" }
                        colour: blue
                        clients:
                          - { id: syt-app, secret: "mat-khau-123" }
                        services:
                          - code: lookup
                            version: 0
                            connector: { type: rest }
                            allow: ["group:quan-huyen"]
                        """)
                .write(BROKEN, "agency: { code: \"31.H99\", name: \"?\" }\n")
                .write("schemas/civil-status-lookup.json", "{ not json");
        CatalogException e = config.failure();
        List<CatalogProblem> problems = e.problems();
        assertHas(problems, "catalog/so-y-te.yaml", "colour", "unknown key");
        assertHas(problems, "catalog/so-y-te.yaml", "clients[0].secret", "plain secrets are not accepted");
        assertHas(problems, "catalog/so-y-te.yaml", "services[0].version", "must be a whole number >= 1");
        assertHas(problems, "catalog/so-y-te.yaml", "services[0].connector.url", "is required");
        assertHas(problems, "catalog/so-y-te.yaml", "services[0].allow[0]", "unknown group 'quan-huyen'");
        assertHas(problems, BROKEN, "agency.code", "is not an agency code");
        assertHas(problems, "catalog/stp.yaml", "services[0].request-schema",
                "schema schemas/civil-status-lookup.json is not valid JSON: ");
        assertThat(problems).hasSize(7);

        List<String> lines = e.getMessage().lines().toList();
        assertThat(lines.get(0)).isEqualTo("invalid hub configuration (7 problems):");
        assertThat(lines.subList(1, lines.size()))
                .containsExactlyElementsOf(problems.stream().map(p -> "  " + p).toList());
        assertThat(lines).contains("  catalog/so-y-te.yaml: services[0].connector.url: is required");
    }

    @Test
    void oneProblemMessageIsSingular() {
        CatalogException e = ConfigDir.valid(dir).write(BROKEN, "clients: []\n").failure();
        assertThat(e.getMessage()).isEqualTo("invalid hub configuration (1 problem):\n  " + BROKEN + ": agency: is required");
    }
}
