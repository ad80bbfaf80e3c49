-- Daily quota of clients (catalog: clients[].quota.daily): requests counted per client and UTC day, shared by
-- every node of the hub. Runs unchanged on H2 and PostgreSQL.
CREATE TABLE client_daily_usage (
    client_id  VARCHAR(64) NOT NULL,
    usage_day  DATE        NOT NULL,
    used       BIGINT      NOT NULL,
    PRIMARY KEY (client_id, usage_day)
);
CREATE INDEX ix_client_daily_usage_day ON client_daily_usage (usage_day);
