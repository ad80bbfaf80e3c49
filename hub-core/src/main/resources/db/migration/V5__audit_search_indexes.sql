-- Indexes for the audit search and export filters (GET /ops/v1/audit, /ops/v1/audit/export) not already
-- covered by V1 (exchange_id, request_id, time, (consumer, time), (kind, time)). Every filter is an
-- equality, optionally with a time range, so each index leads with the filtered column(s) then time.
-- Portable SQL: runs unchanged on H2 2.x (default mode) and PostgreSQL 14+.
CREATE INDEX idx_audit_record_provider_service_time ON audit_record (provider, service, time);
CREATE INDEX idx_audit_record_topic_time            ON audit_record (topic, time);
CREATE INDEX idx_audit_record_subscriber_time       ON audit_record (subscriber, time);
CREATE INDEX idx_audit_record_code_time             ON audit_record (code, time);
