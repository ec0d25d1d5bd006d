-- Tafel event log, schema version 1.
-- One row per event; position is global, gapless and in commit order because every
-- append transaction first locks the single log_head row, which also holds the last hash.
CREATE TABLE events (
    position        bigint      PRIMARY KEY CHECK (position >= 1),
    stream          text        NOT NULL,
    version         bigint      NOT NULL CHECK (version >= 1),
    type            text        NOT NULL,
    schema_version  bigint      NOT NULL,
    event_id        text        NOT NULL UNIQUE,
    recorded_at     timestamptz NOT NULL,
    actor_id        text        NOT NULL,
    actor_role      text        NOT NULL,
    request_id      text,
    -- canonical(n): the envelope without its hashes, exactly the bytes the chain hashes.
    canonical       text        NOT NULL,
    previous_hash   bytea       NOT NULL CHECK (length(previous_hash) = 32),
    hash            bytea       NOT NULL CHECK (length(hash) = 32),
    UNIQUE (stream, version)
);

CREATE INDEX events_request_id ON events (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX events_actor ON events (actor_id, position);

CREATE TABLE log_head (
    id              integer     PRIMARY KEY CHECK (id = 1),
    position        bigint      NOT NULL,
    hash            bytea       NOT NULL,
    recorded_at_ms  bigint      NOT NULL
);

INSERT INTO log_head (id, position, hash, recorded_at_ms)
VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000', 0);

-- The log is append-only: no role, not even the owner by mistake, rewrites history.
CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the Tafel event log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END;
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();
