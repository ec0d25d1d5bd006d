-- Tafel event log, schema version 3: an append is one INSERT statement; no head row.
--
-- A writer decides a batch against the last event it believes committed and inserts the
-- sealed rows with one statement that checks, on its own snapshot, that this event is
-- there with the hash the batch chained from and that none of the batch's request ids was
-- answered before. The primary key on position does the rest: two writers that built on
-- the same event both try the same next position and the second fails with a unique
-- violation, then decides again. A writer only builds on an event it saw committed, so
-- events commit in position order and every reader sees a gapless prefix of the log.
-- A stale stream version fails the same way, on UNIQUE (stream, version).
--
-- This replaces version 2's log_head row and tafel_append function: updating one row on
-- every append serialised all writers on its lock and added a write to every commit.
DROP FUNCTION tafel_append;
DROP TABLE log_head;

-- The writer's last resort after losing several races: keep other writers out for one
-- transaction, so it cannot lose again (readers go on). SECURITY DEFINER because the
-- application role holds only SELECT and INSERT on events, which do not allow this lock mode.
DO $migration$
BEGIN
    EXECUTE format(
        $sql$
        CREATE FUNCTION tafel_lock_log() RETURNS void LANGUAGE sql SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $body$ LOCK TABLE %I.events IN SHARE ROW EXCLUSIVE MODE $body$
        $sql$, current_schema());
END
$migration$;

REVOKE EXECUTE ON FUNCTION tafel_lock_log() FROM PUBLIC;
