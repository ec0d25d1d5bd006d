import Events
import Glibc

/// Turning "the connection broke after the insert was sent" into a definite answer where
/// the database can still say what happened, and into ``EventStoreError/Code/outcomeUnknown``
/// only where it cannot.
extension PostgresEventStore {
    /// What became of a batch whose answer was lost.
    enum Resolution: Equatable {
        /// Its rows are in the log, at the positions decided.
        case landed
        /// Nothing of it is in the log, and nothing of it can still land.
        case absent
        /// The database could not tell (unreachable, or the old session lives on).
        case unknown(String)
    }

    /// How often, 50 ms apart, ``resolve(_:)`` looks for the session that ran the insert
    /// before it gives up; halfway it asks the server to end that session.
    static let goneChecks = 40

    /// Finds out whether `unknown`'s batch landed, on a fresh connection. A lookup proves
    /// absence only once the session that ran the insert has ended: until then its
    /// transaction can still commit (the client's side of the connection broke, the
    /// server's did not).
    ///
    /// A failure to ask is tried again a few times (``resolveAttempts``), since a server that
    /// ended one session often takes the next at once.
    func resolve(_ unknown: UnknownOutcome) -> Resolution {
        guard let first = unknown.decided.envelopes.first else { return .landed }
        var cause = ""
        for attempt in 1...Self.resolveAttempts {
            do {
                return try writer.onQueue(reconnecting: true) { connection in
                    guard try Self.awaitGone(backend: unknown.backend, on: connection) else {
                        return .unknown("the session that sent it is still running")
                    }
                    let rows = try connection.query("SELECT position FROM events WHERE event_id = $1", [first.eventId]).rows
                    guard let row = rows.first else { return .absent }
                    return row[0].flatMap { Int64($0) } == first.position
                        ? .landed : .unknown("its first event is in the log at another position")
                }
            } catch {
                cause = "the database cannot be asked: \(EventStoreError.from(error).code)"
                if attempt < Self.resolveAttempts { usleep(UInt32(100_000 * attempt)) }
            }
        }
        return .unknown(cause)
    }

    /// How often ``resolve(_:)`` tries to ask the database, 0.1, 0.2, … s apart.
    static let resolveAttempts = 5

    /// Waits until the server process `backend` has ended (its transaction then committed or
    /// rolled back for good); `false` when it still runs after ``goneChecks``.
    static func awaitGone(backend: Int32, on connection: PostgresConnection) throws -> Bool {
        guard backend != 0, backend != connection.backendPID else { return true }
        for check in 0..<goneChecks {
            let running = try !connection.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1::int", [String(backend)]).rows
                .isEmpty
            if !running { return true }
            if check == goneChecks / 2 {
                _ = try? connection.query("SELECT pg_terminate_backend($1::int)", [String(backend)])
            }
            usleep(50_000)
        }
        return false
    }

    /// Whether `answer` puts rows of its own into `decided` (not a refusal, not the earlier
    /// result of a repeated request id).
    static func writes(_ answer: Answer, in decided: DecidedBatch) -> Bool {
        guard let first = decided.envelopes.first?.position else { return false }
        switch answer {
        case let .appended(.success(result)): return (result.positions.first ?? 0) >= first
        case .imported(.success): return true
        case .appended(.failure), .imported(.failure): return false
        }
    }

    /// Answers every item of `batch` whose events are in the log already with the positions
    /// they landed at, without deciding it again; returns the items none of whose events are
    /// there, to be decided anew. An item only some of whose events are there reuses event
    /// ids of other events and is refused.
    func answerLanded(_ batch: [Pending], on connection: PostgresConnection) throws -> [Pending] {
        var eventIds: [String] = []
        for item in batch {
            switch item {
            case let .append(prepared, _): eventIds += prepared.request.events.map(\.eventId)
            case let .importBatch(envelopes, _, _): eventIds += envelopes.map(\.eventId)
            }
        }
        var landed: [String: (position: Int64, stream: String, version: Int64, hash: String)] = [:]
        for row in try connection.query(
            "SELECT event_id, position, stream, version, encode(hash, 'hex') FROM events WHERE event_id = ANY($1::text[])",
            [PostgresText.array(eventIds)]
        ).rows {
            guard let id = row[0], let position = row[1].flatMap({ Int64($0) }), let stream = row[2],
                let version = row[3].flatMap({ Int64($0) }), let hash = row[4]
            else { continue }
            landed[id] = (position, stream, version, hash)
        }
        var rest: [Pending] = []
        let reused = EventStoreError(.invalidRequest, "event ids of this append belong to other events in the log")
        for item in batch {
            switch item {
            case let .append(prepared, _):
                let found = prepared.request.events.compactMap { landed[$0.eventId] }
                if found.isEmpty {
                    rest.append(item)
                } else if found.count == prepared.request.events.count, found.allSatisfy({ $0.stream == prepared.request.stream }) {
                    let result = AppendResult(
                        stream: prepared.request.stream, version: found.map(\.version).max() ?? 0, positions: found.map(\.position))
                    item.resume(with: .appended(.success(result)))
                } else {
                    item.fail(with: reused)
                }
            case let .importBatch(envelopes, _, _):
                let found = envelopes.compactMap { landed[$0.eventId] }
                if found.isEmpty {
                    rest.append(item)
                } else if found.count == envelopes.count, zip(envelopes, found).allSatisfy({ $0.position == $1.position }),
                    let last = found.last
                {
                    item.resume(with: .imported(.success(LogHead(position: last.position, hash: last.hash))))
                } else {
                    item.fail(with: reused)
                }
            }
        }
        return rest
    }
}
