package vn.lgsp.hub.core.exchange;

/**
 * The stable error codes the hub answers with (RFC 9457 problem {@code code}), each with its HTTP status
 * and a short title. Codes never change meaning; clients may switch on them.
 */
public enum HubError {
    AUTH_REQUIRED(401, "Authentication required"),
    AUTH_INVALID(401, "Invalid credentials or token"),
    ACCESS_DENIED(403, "Access denied"),
    NOT_FOUND(404, "No such resource"),
    SERVICE_NOT_FOUND(404, "Service not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    CONFLICT(409, "Conflict with the current state"),
    PURPOSE_REQUIRED(400, "Purpose required"),
    MALFORMED_BODY(400, "Malformed request body"),
    INVALID_REQUEST(400, "Invalid request"),
    REQUEST_TIMEOUT(408, "Request not received in time"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    URI_TOO_LONG(414, "Request line too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Request failed validation"),
    RATE_LIMITED(429, "Rate limited"),
    HEADERS_TOO_LARGE(431, "Request headers too large"),
    INTERNAL_ERROR(500, "Internal error"),
    PROVIDER_UNAVAILABLE(502, "Provider unavailable"),
    PROVIDER_FAULT(502, "Provider answered with a fault"),
    CIRCUIT_OPEN(503, "Provider circuit open"),
    PROVIDER_BUSY(503, "Provider at its concurrency limit"),
    BROKER_UNAVAILABLE(503, "Message broker unavailable"),
    SUSPENDED(503, "Service suspended"),
    SHUTTING_DOWN(503, "Node shutting down"),
    PROVIDER_TIMEOUT(504, "Provider timeout");

    private final int status;
    private final String title;

    HubError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type} URI for this code (a URN: stable, not meant to be fetched). */
    public String typeUri() {
        return "urn:lgsp-hub:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
