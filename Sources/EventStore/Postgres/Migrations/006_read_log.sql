-- Tafel read log, schema version 6: who read which dossiers (the Logboek Dataverwerkingen
-- fields), hash-chained in its own chain and append-only like the events. Independent of the
-- other migrations' order: it touches no other table.
--
-- One chain across server processes: every batch insert takes the transaction-scoped
-- advisory lock below first, reads the last row (sequence, hash) and chains after it.
CREATE TABLE read_log (
    sequence                bigint      PRIMARY KEY CHECK (sequence >= 1),
    trace_id                text        NOT NULL,
    span_id                 text        NOT NULL,
    name                    text        NOT NULL,
    start_time              timestamptz NOT NULL,
    end_time                timestamptz NOT NULL,
    status_code             text        NOT NULL,
    actor_id                text        NOT NULL,
    actor_role              text        NOT NULL,
    dossier_ids             text[]      NOT NULL,
    processing_activity_id  text        NOT NULL,
    -- The record without its hashes: exactly the bytes the chain hashes.
    canonical               text        NOT NULL,
    previous_hash           bytea       NOT NULL CHECK (length(previous_hash) = 32),
    hash                    bytea       NOT NULL CHECK (length(hash) = 32)
);

CREATE INDEX read_log_actor ON read_log (actor_id, sequence);
CREATE INDEX read_log_dossiers ON read_log USING gin (dossier_ids);

CREATE FUNCTION read_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the Tafel read log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END;
$$;

CREATE TRIGGER read_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON read_log
    FOR EACH STATEMENT EXECUTE FUNCTION read_log_refuse_change();
