import Events

/// The one statement that writes a decided batch, and what it needs sent.
extension PostgresEventStore {
    /// Inserts the decided rows with one statement; `nil` when they were written, else why
    /// nothing was (a stale belief, or the unique constraint the server named).
    ///
    /// The statement inserts only if the event the batch builds on is committed with the
    /// hash the batch chained from, and none of its requests (principal and request id) is in the log. Two writers
    /// that built on the same event race for the same next position; the primary key lets
    /// one win and the other fail with a unique violation, as does a stale stream version
    /// with `UNIQUE (stream, version)`. A writer only builds on an event it saw committed,
    /// so events commit in position order and readers always see a gapless prefix.
    /// - Parameter announce: whether the commit also announces the new head (``AnnouncementSchedule``).
    /// - Parameter whileWaiting: called whenever appends are queued while the server works.
    func insert(
        _ decided: DecidedBatch, announce: Bool, on connection: PostgresConnection, whileWaiting: (() -> Void)? = nil
    ) throws -> String? {
        do {
            try sendInsert(decided, announce: announce, on: connection)
        } catch {
            throw Self.outcome(of: error, decided: decided, on: connection)
        }
        return try awaitInsert(decided, announce: announce, on: connection, whileWaiting: whileWaiting)
    }

    /// Sends the insert of `decided` (see ``insert(_:announce:on:whileWaiting:)``) without
    /// waiting for the server; ``awaitInsert(_:announce:on:whileWaiting:)`` collects the result.
    func sendInsert(_ decided: DecidedBatch, announce: Bool, on connection: PostgresConnection) throws(PostgresError) {
        let first = decided.envelopes[0]
        let single = decided.envelopes.count == 1
        let chainedFrom = decided.chainedFrom
        // One event is sent as plain values: parsing thirteen one-element arrays and
        // unnesting them was a measurable part of a lone client's round trip. A batch is
        // sent as the binary arrays encoded while it was decided (``BatchColumns``).
        let rows: [PostgresParameter] =
            single
            ? [
                .text(String(first.position)), .text(first.stream), .text(String(first.version)), .text(first.type),
                .text(String(first.schemaVersion)), .text(first.eventId), .text(first.recordedAt.iso8601),
                .text(first.actor.principalId), .text(first.actor.role), .text(first.requestId),
                .text(String(decoding: decided.canonical[0], as: UTF8.self)), .binary(chainedFrom),
                .binary(decided.hashes[0]),
            ]
            : decided.columns.parameters
        let parameters: [PostgresParameter] =
            [
                .text(String(first.position - 1)), .binary(chainedFrom),
                .binary(PostgresBinaryArray(decided.checkedRequests.map { Optional($0.requestId) }).encoded),
            ] + rows + [.binary(PostgresBinaryArray(decided.checkedRequests.map { Optional($0.principalId) }).encoded)]
            + (decided.texts.isEmpty ? [] : decided.texts.parameters)
        let statement = Self.statements[decided.texts.isEmpty ? 0 : 1][single ? 0 : 1][announce ? 0 : 1]
        try connection.send(prepared: statement.name, statement.sql, parameters)
    }

    /// Waits for the insert ``sendInsert(_:announce:on:)`` sent: `nil` when the rows were
    /// written, else why nothing was.
    func awaitInsert(
        _ decided: DecidedBatch, announce: Bool, on connection: PostgresConnection, whileWaiting: (() -> Void)?
    ) throws -> String? {
        let inserted: Int64
        do {
            let result: PostgresRows
            if let whileWaiting, let wake = wakeUp {
                state.withLock { $0.listening = true }
                defer { state.withLock { $0.listening = false } }
                let lone = decided.answers.count == 1
                result = try connection.result(waking: wake.read, spin: lone ? Self.loneSpin.result : 0, whileWaiting: whileWaiting)
            } else {
                result = try connection.result(waking: nil) {}
            }
            let counted = announce || !decided.texts.isEmpty
            inserted = counted ? result.first?[0].flatMap { Int64($0) } ?? 0 : result.affected
        } catch where error.sqlState == .uniqueViolation {
            if error.constraint == PostgresError.eventIdConstraint { throw EventIdsInLog() }
            if error.constraint == PostgresError.textRefConstraint { throw TextRefsInUse(decided: decided) }
            return error.message
        } catch {
            throw Self.outcome(of: error, decided: decided, on: connection)
        }
        if inserted == decided.envelopes.count { return nil }
        guard inserted == 0 else { throw EventStoreError(.io, "inserted \(inserted) of \(decided.envelopes.count) events") }
        return "the event it chains from is not the last committed one, or one of its requests was answered before"
    }

    /// A failed insert or commit as the writer must treat it: when the connection broke or
    /// the server ended the session, nobody knows yet whether the rows landed
    /// (``UnknownOutcome``, resolved by ``resolve(_:)``).
    static func outcome(of error: PostgresError, decided: DecidedBatch, on connection: PostgresConnection) -> any Error {
        guard error.leavesOutcomeUnknown else { return error }
        return UnknownOutcome(decided: decided, cause: error.description, backend: connection.backendPID)
    }

    /// The eight forms of the insert, by whether the batch stores or erases texts (no, yes),
    /// then by number of events (one, many), then by whether the commit announces itself
    /// (yes, no), with the names they are prepared under. A batch without texts uses a form
    /// that does not touch the `texts` table.
    static let statements: [[[(name: String, sql: String)]]] = [false, true].map { texts in
        let suffix = texts ? "_with_texts" : ""
        return [
            [
                ("tafel_insert_event_announced" + suffix, insert(one, announcing: true, texts: texts)),
                ("tafel_insert_event" + suffix, insert(one, announcing: false, texts: texts)),
            ],
            [
                ("tafel_insert_events_announced" + suffix, insert(many, announcing: true, texts: texts)),
                ("tafel_insert_events" + suffix, insert(many, announcing: false, texts: texts)),
            ],
        ]
    }

    /// The batch's rows: one array per column, one element per event.
    static let many = """
        SELECT * FROM unnest($4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::bigint[], $9::text[],
                             $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::text[], $15::bytea[],
                             $16::bytea[])
        """

    /// A single event, with the same parameters as plain values.
    static let one = """
        VALUES ($4::bigint, $5::text, $6::bigint, $7::text, $8::bigint, $9::text, $10::timestamptz, $11::text,
                $12::text, $13::text, $14::text, $15::bytea, $16::bytea)
        """

    /// The insert of the rows `proposed`; an announcing one, and one with texts, also returns
    /// how many events it wrote (a quiet one without texts reports that as its command tag).
    ///
    /// With `texts`, the same statement stores the batch's texts (`$18` to `$21`: refs,
    /// positions, salts, bodies) and deletes the erased references (`$22`), both only when
    /// the events were inserted: one statement commits or rolls back as a whole.
    static func insert(_ proposed: String, announcing: Bool, texts: Bool) -> String {
        let insert = """
            INSERT INTO events (position, stream, version, type, schema_version, event_id, recorded_at, actor_id,
                                actor_role, request_id, canonical, previous_hash, hash)
            SELECT r.position, r.stream, r.version, r.type, r.schema_version, r.event_id, r.recorded_at, r.actor_id,
                   r.actor_role, r.request_id, r.canonical, r.previous_hash, r.hash
            FROM (\(proposed))
                AS r(position, stream, version, type, schema_version, event_id, recorded_at, actor_id, actor_role,
                     request_id, canonical, previous_hash, hash)
            WHERE ($1::bigint = 0 OR EXISTS (SELECT 1 FROM events WHERE position = $1::bigint AND hash = $2::bytea))
              AND NOT EXISTS (
                  SELECT 1 FROM unnest($3::text[], $17::text[]) AS k(request_id, actor_id)
                  WHERE EXISTS (SELECT 1 FROM events e WHERE e.actor_id = k.actor_id AND e.request_id = k.request_id))
            """
        guard announcing || texts else { return insert }
        var parts = [
            """
            inserted AS (
            \(insert)
                RETURNING position
            )
            """
        ]
        if texts {
            parts.append(
                """
                kept AS (
                    INSERT INTO texts (ref, position, salt, body)
                    SELECT t.ref, t.position, t.salt, t.body
                    FROM unnest($18::text[], $19::bigint[], $20::bytea[], $21::text[]) AS t(ref, position, salt, body)
                    WHERE EXISTS (SELECT 1 FROM inserted)
                ), erased AS (
                    DELETE FROM texts WHERE ref = ANY ($22::text[]) AND EXISTS (SELECT 1 FROM inserted)
                )
                """)
        }
        if announcing {
            parts.append(
                """
                announced AS (
                    SELECT pg_notify('\(channel)', max(position)::text) FROM inserted HAVING count(*) > 0
                )
                """)
        }
        return "WITH " + parts.joined(separator: ", ") + "\nSELECT (SELECT count(*) FROM inserted)"
            + (announcing ? ", (SELECT count(*) FROM announced)" : "")
    }
}
