package vn.lgsp.hub.core.exchange;

/**
 * A refusal or failure with a stable {@link HubError} code and a detail safe to show to the caller
 * (no stack traces, no secrets).
 */
public class HubException extends RuntimeException {

    private final HubError error;

    public HubException(HubError error, String detail) {
        super(detail);
        this.error = error;
    }

    public HubException(HubError error, String detail, Throwable cause) {
        super(detail, cause);
        this.error = error;
    }

    public HubError error() {
        return error;
    }

    /** The caller-facing detail. */
    public String detail() {
        return getMessage();
    }
}
