package vn.lgsp.hub.core.audit;

import java.time.Instant;

/**
 * One durable trace of a step of an exchange (DESIGN.md "Audit record"). Absent values are null.
 * {@code id} and {@code seq} are assigned by the store; {@code prevHash}/{@code hash} belong to the hash chain.
 */
public record AuditRecord(
        Long id,
        String node,
        Long seq,
        Instant time,
        AuditKind kind,
        String exchangeId,
        String requestId,
        String consumer,
        String provider,
        String service,
        String topic,
        String subscriber,
        String purpose,
        String subjectKeys,
        int status,
        String code,
        long durationMs,
        long requestBytes,
        long responseBytes,
        String requestSha256,
        String responseSha256,
        String detail,
        String prevHash,
        String hash) {

    /** A builder for records written by the hub (id, seq and hashes left to the store). */
    public static Builder builder(AuditKind kind) {
        return new Builder(kind);
    }

    /** Fluent builder; every setter is optional except the kind. */
    public static final class Builder {
        private final AuditKind kind;
        private String node;
        private Instant time = Instant.now();
        private String exchangeId;
        private String requestId;
        private String consumer;
        private String provider;
        private String service;
        private String topic;
        private String subscriber;
        private String purpose;
        private String subjectKeys;
        private int status;
        private String code;
        private long durationMs;
        private long requestBytes;
        private long responseBytes;
        private String requestSha256;
        private String responseSha256;
        private String detail;

        private Builder(AuditKind kind) {
            this.kind = kind;
        }

        public Builder node(String v) { this.node = v; return this; }
        public Builder time(Instant v) { this.time = v; return this; }
        public Builder exchangeId(String v) { this.exchangeId = v; return this; }
        public Builder requestId(String v) { this.requestId = v; return this; }
        public Builder consumer(String v) { this.consumer = v; return this; }
        public Builder provider(String v) { this.provider = v; return this; }
        public Builder service(String v) { this.service = v; return this; }
        public Builder topic(String v) { this.topic = v; return this; }
        public Builder subscriber(String v) { this.subscriber = v; return this; }
        public Builder purpose(String v) { this.purpose = v; return this; }
        public Builder subjectKeys(String v) { this.subjectKeys = v; return this; }
        public Builder status(int v) { this.status = v; return this; }
        public Builder code(String v) { this.code = v; return this; }
        public Builder durationMs(long v) { this.durationMs = v; return this; }
        public Builder requestBytes(long v) { this.requestBytes = v; return this; }
        public Builder responseBytes(long v) { this.responseBytes = v; return this; }
        public Builder requestSha256(String v) { this.requestSha256 = v; return this; }
        public Builder responseSha256(String v) { this.responseSha256 = v; return this; }
        public Builder detail(String v) { this.detail = v; return this; }

        public AuditRecord build() {
            return new AuditRecord(null, node, null, time, kind, exchangeId, requestId, consumer, provider,
                    service, topic, subscriber, purpose, subjectKeys, status, code, durationMs, requestBytes,
                    responseBytes, requestSha256, responseSha256, detail, null, null);
        }
    }
}
