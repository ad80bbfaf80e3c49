package vn.lgsp.hub.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Durable storage of audit records. {@link #append} and {@link #appendAll} return only once
 * the records are committed.
 */
public interface AuditStore {

    /** Writes the record durably and returns it with its store-assigned id. */
    AuditRecord append(AuditRecord record);

    /**
     * Writes the records durably, in order, and returns them with their store-assigned ids. The default
     * appends one after the other; a store with group commit queues them together and waits once.
     */
    default List<AuditRecord> appendAll(List<AuditRecord> records) {
        List<AuditRecord> stored = new ArrayList<>(records.size());
        for (AuditRecord record : records) {
            stored.add(append(record));
        }
        return stored;
    }

    /** Reads records matching the query, newest first. */
    List<AuditRecord> find(AuditQuery query);
}
