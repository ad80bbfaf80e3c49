package vn.lgsp.hub.core.audit.verify;

/**
 * What was verified of one node's chain.
 *
 * @param node                the chain
 * @param records             records checked (archives and database)
 * @param firstSeq            first seq checked (0 when none)
 * @param lastSeq             last seq checked (0 when none)
 * @param lastHash            hash of the last record checked
 * @param checkpoints         checkpoints whose signature was valid and whose record matched
 * @param anchor              what the first record checked was linked to (genesis, a checkpoint, an archive, ...)
 * @param ok                  no problem found in this chain
 */
public record NodeSummary(String node, long records, long firstSeq, long lastSeq, String lastHash, long checkpoints,
                          String anchor, boolean ok) {
}
