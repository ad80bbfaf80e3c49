package vn.lgsp.hub.core.audit.verify;

/** What the verifier found wrong with a chain, a checkpoint or an archive. */
public enum ProblemKind {
    /** A record's content no longer matches its stored hash. */
    CHANGED,
    /** Records are missing: a gap in seq, a chain cut short before a signed checkpoint, or a missing start. */
    DELETED,
    /** A record does not link to the one before it (forged, or put in place of another). */
    INSERTED,
    /** A record sits at the wrong place of the chain (moved or swapped). */
    REORDERED,
    /** A row of audit_record outside every chain (no seq). */
    UNCHAINED,
    /** A checkpoint's signature is not valid. */
    BAD_SIGNATURE,
    /** A checkpoint or archive is signed by a key the verifier does not know. */
    UNKNOWN_KEY,
    /** A validly signed checkpoint names a hash the record at its seq does not have. */
    CHECKPOINT_MISMATCH,
    /** An archive's content differs from what its signature file signed, or that signature is invalid or absent. */
    ARCHIVE_BAD_SIGNATURE,
    /** An archive cannot be read (not gzip, malformed line, header inconsistent with its records). */
    ARCHIVE_CORRUPT
}
