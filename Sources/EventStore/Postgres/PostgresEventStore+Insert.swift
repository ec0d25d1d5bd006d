import Events

/// The one statement that writes a decided batch, and what it needs sent.
extension PostgresEventStore {
    /// Inserts the decided rows with one statement; `nil` when they were written, else why
    /// nothing was (a stale belief, or the unique constraint the server named).
    ///
    /// The statement inserts only if the event the batch builds on is committed with the
    /// hash the batch chained from, and none of its request ids is in the log. Two writers
    /// that built on the same event race for the same next position; the primary key lets
    /// one win and the other fail with a unique violation, as does a stale stream version
    /// with `UNIQUE (stream, version)`. A writer only builds on an event it saw committed,
    /// so events commit in position order and readers always see a gapless prefix.
    func insert(_ decided: DecidedBatch, on connection: PostgresConnection) throws -> String? {
        let envelopes = decided.envelopes
        let parameters: [String?] = [
            String(envelopes[0].position - 1),
            envelopes[0].previousHash,
            PostgresText.array(decided.checkedRequestIds),
            PostgresText.array(envelopes.map(\.position)),
            PostgresText.array(envelopes.map(\.stream)),
            PostgresText.array(envelopes.map(\.version)),
            PostgresText.array(envelopes.map(\.type)),
            PostgresText.array(envelopes.map(\.schemaVersion)),
            PostgresText.array(envelopes.map(\.eventId)),
            PostgresText.array(Self.times(of: envelopes)),
            PostgresText.array(envelopes.map(\.actor.principalId)),
            PostgresText.array(envelopes.map(\.actor.role)),
            PostgresText.array(envelopes.map(\.requestId)),
            PostgresText.array(decided.canonical.map { String(decoding: $0, as: UTF8.self) }),
            PostgresText.array(envelopes.map(\.previousHash)),
            PostgresText.array(envelopes.map(\.hash)),
        ]
        let inserted: Int64
        do {
            inserted = try connection.query(prepared: "tafel_insert_events", Self.insertStatement, parameters)
                .first?[0].flatMap { Int64($0) } ?? 0
        } catch where error.sqlState == .uniqueViolation {
            return error.message
        } catch {
            if error.sqlState == nil || error.sqlState!.raw.hasPrefix("08") {
                throw UnknownOutcome(decided: decided, cause: error.description)
            }
            throw error
        }
        if inserted == envelopes.count { return nil }
        guard inserted == 0 else { throw EventStoreError(.io, "inserted \(inserted) of \(envelopes.count) events") }
        return "the event it chains from is not the last committed one, or a request id was answered before"
    }

    /// `recordedAt` as text, formatted once per distinct time (a batch shares one or two).
    static func times(of envelopes: [EventEnvelope]) -> [String] {
        var last: (Timestamp, String)?
        return envelopes.map { envelope in
            if let last, last.0 == envelope.recordedAt { return last.1 }
            let text = envelope.recordedAt.iso8601
            last = (envelope.recordedAt, text)
            return text
        }
    }

    static let insertStatement = """
        WITH proposed AS (
            SELECT * FROM unnest($4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::bigint[], $9::text[],
                                 $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                                 $16::text[])
                AS r(position, stream, version, type, schema_version, event_id, recorded_at, actor_id, actor_role,
                     request_id, canonical, previous_hash, hash)
        ), inserted AS (
            INSERT INTO events (position, stream, version, type, schema_version, event_id, recorded_at, actor_id,
                                actor_role, request_id, canonical, previous_hash, hash)
            SELECT r.position, r.stream, r.version, r.type, r.schema_version, r.event_id, r.recorded_at, r.actor_id,
                   r.actor_role, r.request_id, r.canonical, decode(r.previous_hash, 'hex'), decode(r.hash, 'hex')
            FROM proposed r
            WHERE ($1::bigint = 0 OR EXISTS (SELECT 1 FROM events WHERE position = $1::bigint AND hash = decode($2, 'hex')))
              AND NOT EXISTS (SELECT 1 FROM events WHERE request_id = ANY ($3::text[]))
            RETURNING position
        ), announced AS (
            SELECT pg_notify('\(channel)', max(position)::text) FROM inserted HAVING count(*) > 0
        )
        SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM announced)
        """
}
