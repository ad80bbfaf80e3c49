package vn.lgsp.hub.core.audit;

import java.util.List;

/**
 * Durable storage of audit records. {@link #append} returns only once the record is committed.
 */
public interface AuditStore {

    /** Writes the record durably and returns it with its store-assigned id. */
    AuditRecord append(AuditRecord record);

    /** Reads records matching the query, newest first. */
    List<AuditRecord> find(AuditQuery query);
}
