-- Hub nodes sharing this database (several hub processes behind a load balancer). Each live node holds a
-- lease on its row, renewed by heartbeats, so a second live process started with the same hub.node-id (which
-- would fork that node's audit hash chain) is refused at startup. Times are the database's clock, so nodes
-- with skewed clocks still agree. Portable SQL: runs unchanged on H2 2.x (default mode) and PostgreSQL 14+.
CREATE TABLE hub_node (
    node          VARCHAR(64)  NOT NULL PRIMARY KEY,
    instance      VARCHAR(64)  NOT NULL,
    host          VARCHAR(255) NOT NULL,
    pid           BIGINT       NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeats    BIGINT       NOT NULL,
    lease_until   TIMESTAMP WITH TIME ZONE NOT NULL
);
