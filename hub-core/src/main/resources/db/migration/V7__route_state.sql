-- Operator route control (issue 7): suspended services and subscriptions, and each node's maintenance mode.
-- One row per thing an operator changed; no row means the default (ACTIVE, maintenance off). Every node
-- polls this table, so a suspension applies to the whole hub and survives restarts.
-- Portable SQL: runs unchanged on H2 2.x (default mode) and PostgreSQL 14+.
CREATE TABLE route_state (
    target      VARCHAR(300) NOT NULL PRIMARY KEY,  -- service:{provider}/{service}, subscription:{id}, maintenance:{node}
    state       VARCHAR(16)  NOT NULL,              -- ACTIVE | SUSPENDED (maintenance: ON | OFF)
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(128) NOT NULL
);
