-- Published records (one row per accepted record) and their deliveries (one row per subscriber).
-- Runs unchanged on H2 and PostgreSQL.
CREATE TABLE published_record (
    exchange_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    publisher        VARCHAR(64)  NOT NULL,
    topic            VARCHAR(128) NOT NULL,
    idempotency_key  VARCHAR(300),
    accepted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    request_id       VARCHAR(128),
    record_bytes     BIGINT       NOT NULL,
    record_sha256    VARCHAR(64)  NOT NULL
);
CREATE UNIQUE INDEX ux_published_record_idempotency ON published_record (publisher, idempotency_key);
CREATE INDEX ix_published_record_accepted ON published_record (accepted_at);

CREATE TABLE delivery (
    message_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    exchange_id   VARCHAR(64)  NOT NULL,
    subscriber    VARCHAR(64)  NOT NULL,
    topic         VARCHAR(128) NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    attempts      INT          NOT NULL,
    last_error    VARCHAR(1000),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_delivery_exchange ON delivery (exchange_id);
CREATE INDEX ix_delivery_state ON delivery (state, subscriber, topic, updated_at);
