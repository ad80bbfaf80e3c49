package vn.lgsp.hub.core.audit.verify;

/**
 * One finding of the verifier.
 *
 * @param kind   what is wrong
 * @param node   the chain (null for a file that cannot be read at all)
 * @param seq    the record's seq (or the first missing seq), when one is named
 * @param id     the record's row id, when known
 * @param source {@code database} or the archive file name
 * @param detail a sentence for people
 */
public record Problem(ProblemKind kind, String node, Long seq, Long id, String source, String detail) {

    @Override
    public String toString() {
        return kind + " " + (node == null ? "" : node + " ") + (seq == null ? "" : "seq " + seq + " ")
                + (id == null ? "" : "(id " + id + ") ") + "in " + source + ": " + detail;
    }
}
