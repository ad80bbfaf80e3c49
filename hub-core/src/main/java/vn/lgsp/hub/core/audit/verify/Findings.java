package vn.lgsp.hub.core.audit.verify;

import java.util.ArrayList;
import java.util.List;

/** The problems found so far, in the order found; keeps the first {@value #MAX} and counts the rest. */
final class Findings {

    static final int MAX = 100;

    private final List<Problem> problems = new ArrayList<>();
    private long count;

    /** Records a problem; returns its index (or -1 when beyond the kept ones). */
    int add(Problem p) {
        count++;
        if (problems.size() < MAX) {
            problems.add(p);
            return problems.size() - 1;
        }
        return -1;
    }

    /** Replaces the problem at {@code index} (a better explanation found later). */
    void replace(int index, Problem p) {
        if (index >= 0) {
            problems.set(index, p);
        }
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    long count() {
        return count;
    }

    boolean any(String node) {
        return problems.stream().anyMatch(p -> node.equals(p.node()));
    }
}
