import Events

/// The PostgreSQL store's read log: the `read_log` table (migration 006), append-only by
/// trigger, one chain for every server process on the database.
///
/// A batch is one transaction: the advisory lock ``chainLock`` serialises the processes,
/// then the last row gives the sequence and hash to chain after, and one INSERT writes the
/// whole batch. The application role needs SELECT and INSERT on `read_log` only.
package final class PostgresReadLog: ReadLog {
    /// The transaction-scoped advisory lock of read log inserts (not the migrations' one).
    static let chainLock = "7230419958327167"
    static let select =
        "SELECT sequence, canonical, encode(previous_hash, 'hex'), encode(hash, 'hex') FROM read_log"

    let connection: ConfinedConnection

    /// Opens the read log of the database `conninfo` names; its migrations must have run
    /// (``PostgresEventStore/open(conninfo:migrate:clock:)`` applies them).
    package init(conninfo: String) {
        connection = ConfinedConnection(label: "tafel.postgres.reads", conninfo: conninfo)
    }

    package func append(_ records: [ReadRecord]) async throws -> [ReadRecord] {
        guard !records.isEmpty else { return [] }
        return try await connection.run { connection in
            try connection.query("BEGIN")
            do {
                try connection.query("SELECT pg_advisory_xact_lock($1::bigint)", [Self.chainLock])
                let last = try connection.query("SELECT sequence, encode(hash, 'hex') FROM read_log ORDER BY sequence DESC LIMIT 1").first
                var sequence = last?[0].flatMap { Int64($0) } ?? 0
                var previous = last?[1].flatMap(Hex.decode) ?? HashChain.genesis
                var sealed = records
                var rows: [JSONValue] = []
                for index in sealed.indices {
                    sequence += 1
                    let (hash, canonical) = sealed[index].seal(sequence: sequence, after: previous)
                    previous = hash
                    let record = sealed[index]
                    rows.append(.object([
                        ("sequence", .int(sequence)), ("traceId", .string(record.traceId)), ("spanId", .string(record.spanId)),
                        ("name", .string(record.name)), ("startTime", .string(record.startTime.iso8601)),
                        ("endTime", .string(record.endTime.iso8601)), ("statusCode", .string(record.statusCode)),
                        ("actor", .string(record.actor)), ("role", .string(record.role)),
                        ("dossierIds", .array(record.dossierIds.map(JSONValue.string))),
                        ("processingActivityId", .string(record.processingActivityId)),
                        ("canonical", .string(String(decoding: canonical, as: UTF8.self))),
                        ("previousHash", .string(record.previousHash)), ("hash", .string(record.hash)),
                    ]))
                }
                try connection.query(
                    """
                    INSERT INTO read_log (sequence, trace_id, span_id, name, start_time, end_time, status_code, actor_id, actor_role,
                        dossier_ids, processing_activity_id, canonical, previous_hash, hash)
                    SELECT (r->>'sequence')::bigint, r->>'traceId', r->>'spanId', r->>'name', (r->>'startTime')::timestamptz,
                        (r->>'endTime')::timestamptz, r->>'statusCode', r->>'actor', r->>'role',
                        ARRAY(SELECT jsonb_array_elements_text(r->'dossierIds')), r->>'processingActivityId', r->>'canonical',
                        decode(r->>'previousHash', 'hex'), decode(r->>'hash', 'hex')
                    FROM jsonb_array_elements($1::jsonb) AS r
                    """, [JSONValue.array(rows).canonicalString])
                try connection.query("COMMIT")
                return sealed
            } catch {
                _ = try? connection.query("ROLLBACK")
                throw error
            }
        }
    }

    package func records(after sequence: Int64, limit: Int) async throws -> [ReadRecord] {
        guard limit > 0 else { return [] }
        return try await connection.run { connection in
            try connection.query("\(Self.select) WHERE sequence > $1::bigint ORDER BY sequence LIMIT $2::bigint", [String(sequence), String(limit)])
                .rows.map(Self.record)
        }
    }

    package func records(matching selection: ReadSelection, from: Timestamp?, until: Timestamp?, after: Int64, limit: Int) async throws
        -> [ReadRecord]
    {
        guard limit > 0 else { return [] }
        let (condition, value): (String, String) =
            switch selection {
            case let .dossier(id): ("dossier_ids @> ARRAY[$1::text]", id)
            case let .actor(id): ("actor_id = $1", id)
            }
        return try await connection.run { connection in
            try connection.query(
                """
                \(Self.select) WHERE \(condition) AND sequence > $2::bigint
                    AND ($3::timestamptz IS NULL OR start_time >= $3::timestamptz)
                    AND ($4::timestamptz IS NULL OR start_time <= $4::timestamptz)
                ORDER BY sequence LIMIT $5::bigint
                """, [value, String(after), from?.iso8601, until?.iso8601, String(limit)]
            ).rows.map(Self.record)
        }
    }

    static func record(_ row: [String?]) throws -> ReadRecord {
        guard let canonical = row[1], let previousHash = row[2], let hash = row[3] else {
            throw EventStoreError(.damaged, "read log row \(row[0] ?? "?") lacks columns")
        }
        return try ReadRecord(canonical: Array(canonical.utf8), previousHash: previousHash, hash: hash)
    }

    package func close() async { connection.close() }
}
