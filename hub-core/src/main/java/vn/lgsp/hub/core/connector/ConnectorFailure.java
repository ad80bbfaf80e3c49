package vn.lgsp.hub.core.connector;

/**
 * Raised (or used to complete a future exceptionally) when a connector could not get an answer from the
 * provider. The kind decides the hub's answer: {@code TIMEOUT} becomes 504 PROVIDER_TIMEOUT,
 * {@code UNAVAILABLE} 502 PROVIDER_UNAVAILABLE.
 */
public class ConnectorFailure extends RuntimeException {

    /** Why the provider gave no answer. */
    public enum Kind { TIMEOUT, UNAVAILABLE }

    private final Kind kind;

    public ConnectorFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
