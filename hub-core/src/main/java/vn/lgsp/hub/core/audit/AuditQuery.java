package vn.lgsp.hub.core.audit;

/**
 * Filters for reading audit records; null fields do not filter. Results are ordered by id descending
 * (newest first); {@code beforeId} continues a page (keyset pagination).
 *
 * @param exchangeId only records of this exchange
 * @param requestId  only records with this request id
 * @param kind       only this kind
 * @param consumer   only this consumer agency code
 * @param beforeId   only records with a smaller id
 * @param limit      at most this many records (1..1000)
 */
public record AuditQuery(String exchangeId, String requestId, AuditKind kind, String consumer,
                         Long beforeId, int limit) {

    /** Largest page a caller may ask for. */
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
