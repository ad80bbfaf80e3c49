package vn.lgsp.hub.core.audit;

/**
 * Told of each committed head of a node's chain by {@link ChainedAuditWriter}; decides when to sign a
 * checkpoint (every N records or T seconds).
 */
public interface AuditCheckpoints {

    /** The chain of {@code node} now ends at {@code seq} with {@code hash} (durable). */
    void committed(String node, long seq, String hash);

    /** Does nothing: for tools and tests without signing. */
    AuditCheckpoints NONE = (node, seq, hash) -> { };
}
