-- Tafel event log, schema version 4: a request id belongs to the principal that sent it.
--
-- Request ids are chosen by clients and often predictable; looked up by the id alone, one
-- principal could take another's id first and have that principal's command answered with
-- its own result while nothing was written. The insert and the writer now look requests up
-- by (actor_id, request_id). Existing rows need no change: every event already records its
-- actor. Plain CREATE INDEX (not CONCURRENTLY): migrations run in one transaction, and the
-- index is built once, before the new release serves.
CREATE INDEX events_actor_request_id ON events (actor_id, request_id) WHERE request_id IS NOT NULL;
DROP INDEX events_request_id;
