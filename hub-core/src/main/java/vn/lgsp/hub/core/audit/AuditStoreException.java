package vn.lgsp.hub.core.audit;

/**
 * Unchecked failure of an {@link AuditStore} (for example a database error). The cause, when present,
 * is the underlying exception, such as a {@link java.sql.SQLException}.
 */
public class AuditStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditStoreException(String message) {
        super(message);
    }

    public AuditStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
