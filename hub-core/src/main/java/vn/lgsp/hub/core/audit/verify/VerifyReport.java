package vn.lgsp.hub.core.audit.verify;

import java.time.Instant;
import java.util.List;

/**
 * Result of a verification: per chain and per archive what was checked, the keys used, and the problems found
 * (the first {@value Findings#MAX} in the order found; {@code problemCount} counts all).
 *
 * @param ok           no problem at all
 * @param checkedAt    when the verification ran
 * @param from         only records from this time (null: from the start)
 * @param to           only records up to this time (null: to the head)
 * @param firstBreak   the first problem (null when ok)
 * @param problemCount how many problems were found
 */
public record VerifyReport(boolean ok, Instant checkedAt, Instant from, Instant to, Problem firstBreak,
                           long problemCount, List<Problem> problems, List<NodeSummary> nodes,
                           List<ArchiveSummary> archives, List<KeyInfo> keys) {

    /** The report for people (the CLI's output). */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(ok ? "AUDIT CHAIN OK" : "AUDIT CHAIN BROKEN").append(" (checked ").append(checkedAt);
        if (from != null || to != null) {
            out.append(", records from ").append(from == null ? "the start" : from).append(" to ")
                    .append(to == null ? "the head" : to);
        }
        out.append(")\n");
        for (NodeSummary n : nodes) {
            out.append(String.format("node %s: %d records, seq %d..%d, %d checkpoints verified, anchored at %s%s%n",
                    n.node(), n.records(), n.firstSeq(), n.lastSeq(), n.checkpoints(), n.anchor(),
                    n.ok() ? "" : "  BROKEN"));
        }
        for (ArchiveSummary a : archives) {
            out.append(String.format("archive %s: node %s seq %d..%d, %d records, signature %s%n", a.file(), a.node(),
                    a.firstSeq(), a.lastSeq(), a.records(), a.signatureValid() ? "valid" : "INVALID"));
        }
        for (KeyInfo k : keys) {
            out.append("key ").append(k.keyId()).append(' ').append(k.algorithm()).append(' ').append(k.subject())
                    .append(" (").append(k.source()).append(")\n");
        }
        if (firstBreak != null) {
            out.append("FIRST BREAK: ").append(firstBreak).append('\n');
            out.append(problemCount).append(" problem(s):\n");
            problems.forEach(p -> out.append("  ").append(p).append('\n'));
            if (problemCount > problems.size()) {
                out.append("  ... and ").append(problemCount - problems.size()).append(" more\n");
            }
        }
        return out.toString();
    }
}
