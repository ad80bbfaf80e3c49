package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Assertions on the problems a failed catalog load reports. */
final class Problems {

    private Problems() {
    }

    /** Exactly one problem, in this file and field, whose reason contains the text. */
    static void assertOnly(List<CatalogProblem> problems, String file, String field, String reasonPart) {
        assertThat(problems).as("problems").hasSize(1);
        assertProblem(problems.get(0), file, field, reasonPart);
    }

    /** At least one problem in this file and field, whose reason contains the text. */
    static void assertHas(List<CatalogProblem> problems, String file, String field, String reasonPart) {
        assertThat(problems).as("problems")
                .anySatisfy(p -> assertProblem(p, file, field, reasonPart));
    }

    static void assertProblem(CatalogProblem p, String file, String field, String reasonPart) {
        assertThat(p.file()).as("file of %s", p).isEqualTo(file);
        assertThat(p.field()).as("field of %s", p).isEqualTo(field);
        assertThat(p.reason()).as("reason of %s", p).contains(reasonPart);
    }
}
