-- H2 only (Flyway location db/vendor/{vendor}). H2 persists an identity column's next value each time its
-- cache of values is used up (32 by default), in a commit of its own: with WRITE_DELAY=0 that is one more
-- store of the whole database every 32 audit records. A cache of 1000 values removes nearly all of them.
-- Values cached but unused at a crash are skipped (gaps in id are harmless: the chain uses node + seq).
-- Not for PostgreSQL: there each connection caches its own range, so ids would stop following time order.
ALTER TABLE audit_record ALTER COLUMN id SET CACHE 1000;
