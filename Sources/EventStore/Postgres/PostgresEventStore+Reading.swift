import Events

extension PostgresEventStore {
    static let selectEnvelope = "SELECT position, canonical, encode(previous_hash, 'hex'), encode(hash, 'hex') FROM events"

    package func read(from position: Int64, limit: Int) async throws -> [EventEnvelope] {
        guard limit > 0 else { return [] }
        let rows = try await reader.run { connection in
            try connection.query(
                "\(Self.selectEnvelope) WHERE position >= $1::bigint ORDER BY position LIMIT $2::bigint",
                [String(max(position, 1)), String(limit)]
            ).rows
        }
        return try rows.map(Self.envelope)
    }

    package func readStream(_ stream: String, from version: Int64, limit: Int) async throws -> [EventEnvelope] {
        guard limit > 0 else { return [] }
        let rows = try await reader.run { connection in
            try connection.query(
                "\(Self.selectEnvelope) WHERE stream = $1 AND version >= $2::bigint ORDER BY version LIMIT $3::bigint",
                [stream, String(max(version, 1)), String(limit)]
            ).rows
        }
        return try rows.map(Self.envelope)
    }

    package func streamVersion(_ stream: String) async throws -> Int64 {
        try await reader.run { connection in
            try connection.query("SELECT coalesce(max(version), 0) FROM events WHERE stream = $1", [stream])
                .first?[0].flatMap { Int64($0) } ?? 0
        }
    }

    package func head() async throws -> LogHead {
        try await reader.run { try Self.tail(on: $0).head }
    }

    package func waitForEvents(after position: Int64) async throws {
        try await waiters.wait(after: position)
    }

    /// An envelope from a row of ``selectEnvelope``; a row that does not parse is damage.
    static func envelope(_ row: [String?]) throws -> EventEnvelope {
        let position = row[0].flatMap { Int64($0) }
        guard let canonical = row[1], let previousHash = row[2], let hash = row[3] else {
            throw EventStoreError(.damaged, "event row with missing columns", position: position)
        }
        do {
            return try EventEnvelope.decode(Array(canonical.utf8), previousHash: previousHash, hash: hash)
        } catch {
            throw EventStoreError(.damaged, "event at position \(position ?? 0) does not parse: \(error)", position: position)
        }
    }
}
