-- Local copies of the national shared catalogs (DMDC) fetched from NDXP: one row per catalog code, replaced
-- on every successful fetch; a failed fetch only records its time and reason. Runs unchanged on H2 and PostgreSQL.
CREATE TABLE dmdc_copy (
    code             VARCHAR(100) NOT NULL PRIMARY KEY,
    version          VARCHAR(100),
    item_count       INT          NOT NULL,
    content          TEXT         NOT NULL,
    content_sha256   VARCHAR(64)  NOT NULL,
    fetched_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000)
);
