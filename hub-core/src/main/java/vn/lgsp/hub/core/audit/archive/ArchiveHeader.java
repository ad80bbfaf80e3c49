package vn.lgsp.hub.core.audit.archive;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.lgsp.hub.core.audit.checkpoint.Checkpoint;

/**
 * First line of an archive file: which part of which chain it holds and what is needed to verify it alone.
 *
 * @param node         the chain
 * @param firstSeq     seq of the first record
 * @param lastSeq      seq of the last record
 * @param count        number of records ({@code lastSeq - firstSeq + 1})
 * @param prevHash     prevHash of the first record: the last hash of the previous archive, or GENESIS
 * @param lastHash     hash of the last record (the next archive or the database links to it)
 * @param created      when the file was written
 * @param checkpoints  the checkpoints with a seq in the range
 * @param certificates Base64 DER certificates by key id: of the archive's signer and every checkpoint's key
 */
public record ArchiveHeader(String node, long firstSeq, long lastSeq, long count, String prevHash, String lastHash,
                            Instant created, List<Checkpoint> checkpoints, Map<String, String> certificates) {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "lgsp-audit-archive";
    /** Version of the format this code writes and reads. */
    public static final int VERSION = 1;

    /** The file name for a range: {@code <node>-<firstSeq>-<lastSeq>.ndjson.gz}, seqs zero-padded to 12 digits. */
    public static String fileName(String node, long firstSeq, long lastSeq) {
        return node.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + String.format("%012d", firstSeq) + "-"
                + String.format("%012d", lastSeq) + ".ndjson.gz";
    }
}
