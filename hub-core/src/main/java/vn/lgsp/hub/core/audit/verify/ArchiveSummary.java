package vn.lgsp.hub.core.audit.verify;

/**
 * One archive file checked.
 *
 * @param file           file name
 * @param node           chain in its header (null when unreadable)
 * @param firstSeq       first seq per its header
 * @param lastSeq        last seq per its header
 * @param records        records read
 * @param sha256         SHA-256 of the file's bytes
 * @param keyId          key that signed it (per its signature file)
 * @param signatureValid the signature file is present, matches the bytes and is valid
 */
public record ArchiveSummary(String file, String node, long firstSeq, long lastSeq, long records, String sha256,
                             String keyId, boolean signatureValid) {
}
