package vn.lgsp.hub.core.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration could not be loaded; every problem found is listed (file, field, reason). */
public class CatalogException extends RuntimeException {

    private final transient List<CatalogProblem> problems;

    public CatalogException(List<CatalogProblem> problems) {
        super("invalid hub configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  " + problems.stream().map(CatalogProblem::toString)
                        .map(line -> line.strip().replaceAll("\\s*\\R\\s*", " ")) // one problem per line
                        .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<CatalogProblem> problems() {
        return problems;
    }
}
