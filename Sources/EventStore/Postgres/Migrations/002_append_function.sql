-- Tafel event log, schema version 2: one-round-trip appends.
--
-- The writer decides a batch against the head and stream versions it believes current and
-- sends the sealed rows in one call. The function locks the head row and checks that belief:
-- head position and hash, the version of every stream the batch decided on, and that none
-- of the batch's request ids was answered before. Only when all hold does it insert, move the
-- head and notify; otherwise it writes nothing and says what was stale, and the writer
-- decides again from fresh values. So positions stay gapless and in commit order, and no
-- process can write on top of a head it did not see.
CREATE FUNCTION tafel_append(
    expected_position  bigint,
    expected_hash      text,
    check_streams      text[],
    check_versions     bigint[],
    check_request_ids  text[],
    positions          bigint[],
    streams            text[],
    versions           bigint[],
    types              text[],
    schema_versions    bigint[],
    event_ids          text[],
    recorded_ats       timestamptz[],
    actor_ids          text[],
    actor_roles        text[],
    request_ids        text[],
    canonicals         text[],
    previous_hashes    text[],
    hashes             text[],
    new_recorded_at_ms bigint
) RETURNS TABLE (outcome text, head_position bigint, head_hash text)
LANGUAGE plpgsql AS $$
DECLARE
    head log_head%ROWTYPE;
    new_position bigint;
BEGIN
    SELECT * INTO head FROM log_head WHERE id = 1 FOR UPDATE;
    IF head.position <> expected_position OR head.hash <> decode(expected_hash, 'hex') THEN
        RETURN QUERY SELECT 'stale_head'::text, head.position, encode(head.hash, 'hex');
        RETURN;
    END IF;
    IF EXISTS (
        SELECT 1 FROM unnest(check_streams, check_versions) AS c(stream, version)
        WHERE c.version <> coalesce((SELECT max(e.version) FROM events e WHERE e.stream = c.stream), 0)
    ) THEN
        RETURN QUERY SELECT 'stale_stream'::text, head.position, encode(head.hash, 'hex');
        RETURN;
    END IF;
    IF cardinality(check_request_ids) > 0 AND EXISTS (
        SELECT 1 FROM events e WHERE e.request_id = ANY (check_request_ids)
    ) THEN
        RETURN QUERY SELECT 'known_request'::text, head.position, encode(head.hash, 'hex');
        RETURN;
    END IF;
    IF cardinality(positions) > 0 THEN
        INSERT INTO events (position, stream, version, type, schema_version, event_id, recorded_at, actor_id,
                            actor_role, request_id, canonical, previous_hash, hash)
        SELECT r.position, r.stream, r.version, r.type, r.schema_version, r.event_id, r.recorded_at, r.actor_id,
               r.actor_role, r.request_id, r.canonical, decode(r.previous_hash, 'hex'), decode(r.hash, 'hex')
        FROM unnest(positions, streams, versions, types, schema_versions, event_ids, recorded_ats, actor_ids,
                    actor_roles, request_ids, canonicals, previous_hashes, hashes)
             AS r(position, stream, version, type, schema_version, event_id, recorded_at, actor_id, actor_role,
                  request_id, canonical, previous_hash, hash);
        new_position := positions[cardinality(positions)];
        UPDATE log_head SET position = new_position, hash = decode(hashes[cardinality(hashes)], 'hex'),
                            recorded_at_ms = new_recorded_at_ms
        WHERE id = 1;
        PERFORM pg_notify('tafel_events', new_position::text);
        RETURN QUERY SELECT 'ok'::text, new_position, hashes[cardinality(hashes)];
        RETURN;
    END IF;
    RETURN QUERY SELECT 'ok'::text, head.position, encode(head.hash, 'hex');
END;
$$;
