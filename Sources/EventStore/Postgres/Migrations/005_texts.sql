-- Tafel event log, schema version 5: free texts beside the log.
--
-- An event body holds a free text only as a reference and SHA-256(salt || text); the text
-- and its salt are kept here, so that erasing personal data (AVG art. 17) deletes a row
-- and leaves every hash of the log intact. A text is inserted by the statement that
-- inserts its events and deleted by the statement that appends the erasure, so neither
-- happens without the other. It is never changed: the trigger below refuses UPDATE and
-- TRUNCATE to every role, the owner included (DELETE stays, for erasure).
--
-- ref is in the "C" collation: reference order is the order of its UTF-8 bytes on every
-- server, whatever the database's locale, and the primary key's index serves it.
-- position is the event that refers to the text. No foreign key to events: the same
-- statement inserts both, and the key's check would lock the event's row on every append.
-- On a database with a log, the table starts empty: version 1 bodies hold their text inline.
CREATE TABLE texts (
    ref       text COLLATE "C" PRIMARY KEY CHECK (octet_length(ref) BETWEEN 1 AND 200),
    position  bigint NOT NULL CHECK (position >= 1),
    salt      bytea  NOT NULL CHECK (length(salt) = 16),
    body      text   NOT NULL CHECK (octet_length(body) <= 16000)
);

-- An erased text stays in the table's pages as a dead row until VACUUM prunes it, and its
-- bytes until the space is reused or VACUUM FULL rewrites the table (the operator's to
-- schedule): vacuum this table as soon as it has a dead row, not after a fifth of it.
-- A long text is kept compressed in the TOAST table, which has settings of its own.
ALTER TABLE texts SET (
    autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0,
    toast.autovacuum_vacuum_threshold = 0, toast.autovacuum_vacuum_scale_factor = 0);

CREATE FUNCTION texts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Tafel texts are only inserted and erased (% refused)', TG_OP USING ERRCODE = '42501';
END;
$$;

CREATE TRIGGER texts_insert_or_erase_only BEFORE UPDATE OR TRUNCATE ON texts
    FOR EACH STATEMENT EXECUTE FUNCTION texts_refuse_change();
