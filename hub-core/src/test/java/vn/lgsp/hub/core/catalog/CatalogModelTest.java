package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small value types of the catalog: agency codes, problems and the exception listing them. */
class CatalogModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"000.00.31.H99", "000.00.00.G01", "001.02.03.A00", "NDXP"})
    void validAgencyCodes(String code) {
        assertThat(AgencyCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ndxp", "NGSP", "000.00.31.h99", "000.00.31.H9", "00.00.31.H99", "000.00.31.H99 ",
            " 000.00.31.H99", "000.00.31.199", "000-00-31-H99", "000.00.31.H99.1", "٠٠٠.00.31.H99"})
    void invalidAgencyCodes(String code) {
        assertThat(AgencyCode.isValid(code)).isFalse();
    }

    @Test
    void problemToStringNamesFileFieldAndReason() {
        assertThat(new CatalogProblem("catalog/stp.yaml", "services[0].connector.url", "is required"))
                .hasToString("catalog/stp.yaml: services[0].connector.url: is required");
        assertThat(new CatalogProblem("catalog/stp.yaml", "", "file is empty"))
                .hasToString("catalog/stp.yaml: file is empty");
        assertThat(new CatalogProblem("catalog/stp.yaml", null, "file is empty"))
                .hasToString("catalog/stp.yaml: file is empty");
    }

    @Test
    void exceptionListsOneProblemPerLineEvenWhenAReasonSpansLines() {
        CatalogException e = new CatalogException(List.of(
                new CatalogProblem("catalog/a.yaml", "line 3", "not valid YAML: found a tab\n in 'reader', line 3:\n\t^\n"),
                new CatalogProblem("groups.yaml", "groups", "must be a mapping")));
        assertThat(e.getMessage()).isEqualTo("""
                invalid hub configuration (2 problems):
                  catalog/a.yaml: line 3: not valid YAML: found a tab in 'reader', line 3: ^
                  groups.yaml: groups: must be a mapping""");
        assertThat(e.problems().get(0).reason()).as("the problem itself is kept as reported").contains("\n");
    }

    @Test
    void exceptionProblemsAreACopy() {
        List<CatalogProblem> problems = new java.util.ArrayList<>(List.of(new CatalogProblem("f", "x", "y")));
        CatalogException e = new CatalogException(problems);
        problems.clear();
        assertThat(e.problems()).hasSize(1).isUnmodifiable();
    }
}
