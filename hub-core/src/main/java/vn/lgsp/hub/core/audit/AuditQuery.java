package vn.lgsp.hub.core.audit;

import java.time.Instant;

/**
 * Filters for reading audit records; null fields do not filter, every text filter is an exact, case-sensitive
 * match (SQL and LIKE metacharacters such as {@code '}, {@code %} or {@code _} match themselves). Pages
 * ({@link AuditStore#find}) are ordered by id descending (newest first); {@code beforeId} continues a page
 * (keyset pagination).
 *
 * <p>Build one with {@link #builder()}; the six-argument constructor of the first version still works.
 *
 * @param exchangeId only records of this exchange
 * @param requestId  only records with this request id
 * @param kind       only this kind
 * @param consumer   only this consumer agency code
 * @param provider   only this provider (or publisher, for topics) agency code
 * @param service    only this service code
 * @param topic      only this topic code
 * @param subscriber only this subscriber agency code
 * @param code       only this error code (e.g. {@code ACCESS_DENIED})
 * @param from       only records at or after this instant (inclusive)
 * @param to         only records before this instant (exclusive); after {@code from} when both are set
 * @param beforeId   only records with a smaller id
 * @param limit      at most this many records (1..1000) in a page; an export stream has no limit
 */
public record AuditQuery(String exchangeId, String requestId, AuditKind kind, String consumer,
                         String provider, String service, String topic, String subscriber, String code,
                         Instant from, Instant to, Long beforeId, int limit) {

    /** Largest page a caller may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** Page size of {@link #builder()} when none is set. */
    public static final int DEFAULT_LIMIT = 100;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
        }
    }

    /** The first version's filters: exchange, request, kind and consumer. */
    public AuditQuery(String exchangeId, String requestId, AuditKind kind, String consumer, Long beforeId,
                      int limit) {
        this(exchangeId, requestId, kind, consumer, null, null, null, null, null, null, null, beforeId, limit);
    }

    /** A builder with no filter and a page of {@link #DEFAULT_LIMIT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's filters, e.g. to ask for the next page. */
    public Builder toBuilder() {
        return new Builder().exchangeId(exchangeId).requestId(requestId).kind(kind).consumer(consumer)
                .provider(provider).service(service).topic(topic).subscriber(subscriber).code(code)
                .from(from).to(to).beforeId(beforeId).limit(limit);
    }

    /** Fluent builder of an {@link AuditQuery}; every setter is optional. */
    public static final class Builder {
        private String exchangeId;
        private String requestId;
        private AuditKind kind;
        private String consumer;
        private String provider;
        private String service;
        private String topic;
        private String subscriber;
        private String code;
        private Instant from;
        private Instant to;
        private Long beforeId;
        private int limit = DEFAULT_LIMIT;

        private Builder() {
        }

        public Builder exchangeId(String v) { this.exchangeId = v; return this; }
        public Builder requestId(String v) { this.requestId = v; return this; }
        public Builder kind(AuditKind v) { this.kind = v; return this; }
        public Builder consumer(String v) { this.consumer = v; return this; }
        public Builder provider(String v) { this.provider = v; return this; }
        public Builder service(String v) { this.service = v; return this; }
        public Builder topic(String v) { this.topic = v; return this; }
        public Builder subscriber(String v) { this.subscriber = v; return this; }
        public Builder code(String v) { this.code = v; return this; }
        /** Inclusive lower bound of the record time. */
        public Builder from(Instant v) { this.from = v; return this; }
        /** Exclusive upper bound of the record time. */
        public Builder to(Instant v) { this.to = v; return this; }
        public Builder beforeId(Long v) { this.beforeId = v; return this; }
        public Builder limit(int v) { this.limit = v; return this; }

        /** The query; throws {@link IllegalArgumentException} for a limit out of range or an empty time range. */
        public AuditQuery build() {
            return new AuditQuery(exchangeId, requestId, kind, consumer, provider, service, topic, subscriber,
                    code, from, to, beforeId, limit);
        }
    }
}
