package vn.lgsp.hub.routes.async;

/** Where one delivery of a published record to one subscriber stands. */
public enum DeliveryState {
    /** Queued, not attempted yet. */
    PENDING,
    /** At least one attempt failed; the broker will redeliver. */
    RETRYING,
    /** The subscriber accepted it (2xx). */
    DELIVERED,
    /** Attempts exhausted or refused for good; in the subscription's dead-letter queue. */
    DEAD,
    /** Removed from the dead letters by an operator. */
    DISCARDED
}
