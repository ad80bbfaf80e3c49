package vn.lgsp.hub.routes.async;

/**
 * A delivery attempt failed in a way worth retrying (5xx, 408, 429, timeout, connection failure). Thrown
 * out of the delivery route so the broker transaction rolls back and the broker redelivers after the
 * subscription's backoff.
 */
public class RetryableDeliveryFailure extends RuntimeException {

    public RetryableDeliveryFailure(String message) {
        super(message, null, false, false);
    }
}
