import Events

extension PostgresEventStore {
    /// What one batch decided: the rows to insert and the answer owed to each item.
    struct DecidedBatch: Sendable {
        var envelopes: [EventEnvelope] = []
        var canonical: [[UInt8]] = []
        var tail: LogTail
        var answers: [Answer] = []
        /// The stream versions the decision rests on (before the batch), for the server to check.
        var checkedVersions: [String: Int64] = [:]
        /// Request ids the decision assumed unanswered, for the server to check.
        var checkedRequestIds: [String] = []
        /// Stream versions after the batch.
        var versionsAfter: [String: Int64] = [:]
    }

    /// What one queued item is owed.
    enum Answer: Sendable {
        case appended(AppendResult)
        case imported(LogHead)
        case failed(EventStoreError)
    }

    /// Why the server refused a decision: which belief was stale.
    enum Staleness: String {
        case head = "stale_head"
        case stream = "stale_stream"
        case request = "known_request"
    }

    struct UnknownOutcome: Error {
        var decided: DecidedBatch
        var cause: String
    }

    static let maximumAttempts = 4

    /// Decides and commits `batch`. The common case is one round trip: decide against the
    /// cached head and versions, let `tafel_append` check them and write. When another
    /// process moved something, refresh and decide again; the last attempt locks the head
    /// first, so it cannot be stale. A broken connection during the write is resolved by
    /// looking up the first event id before answering.
    func commit(_ batch: [Pending]) {
        var known: [String: AppendResult] = [:]
        var lastError = EventStoreError(.io, "append failed")
        for attempt in 1...Self.maximumAttempts {
            let locked = attempt == Self.maximumAttempts
            do {
                let outcome = try writer.onQueue { connection in
                    try self.attempt(batch, known: &known, locked: locked, on: connection)
                }
                if let decided = outcome {
                    deliver(batch, decided.answers)
                    if !decided.envelopes.isEmpty { waiters.advance(to: decided.tail.position) }
                    return
                }
            } catch let error as UnknownOutcome {
                cache.withLock { $0 = WriterCache() }
                if let landed = try? writer.onQueue({ try self.committed(error.decided, on: $0) }), landed {
                    deliver(batch, error.decided.answers)
                    waiters.advance(to: error.decided.tail.position)
                    return
                }
                lastError = EventStoreError(.retryable, "the database connection broke during commit: \(error.cause)")
            } catch {
                cache.withLock { $0 = WriterCache() }
                lastError = EventStoreError.from(error)
                guard lastError.code == .retryable else { break }
            }
        }
        for item in batch { PostgresEventStore.fail(item, with: lastError) }
    }

    /// One try: `nil` when the server found a belief stale (the cache is then refreshed).
    func attempt(_ batch: [Pending], known: inout [String: AppendResult], locked: Bool, on connection: PostgresConnection)
        throws -> DecidedBatch?
    {
        if locked { try connection.query("BEGIN") }
        do {
            var snapshot = cache.withLock { $0 }
            let (streams, requestIds) = Self.keys(of: batch)
            if locked || snapshot.tail == nil {
                let lockClause = locked ? " FOR UPDATE" : ""
                guard let row = try connection.query(
                    "SELECT position, encode(hash, 'hex'), recorded_at_ms FROM log_head WHERE id = 1\(lockClause)"
                ).first, let position = row[0].flatMap({ Int64($0) }), let hash = row[1].flatMap(Hex.decode),
                    let recordedAt = row[2].flatMap({ Int64($0) })
                else { throw EventStoreError(.unavailable, "the log_head row is missing; run tafel migrate") }
                snapshot.tail = LogTail(position: position, hash: hash, recordedAt: Timestamp(millisecondsSinceEpoch: recordedAt))
            }
            let unknownStreams = locked ? streams : streams.filter { snapshot.versions[$0] == nil }
            if !unknownStreams.isEmpty {
                for row in try connection.query(
                    "SELECT s, coalesce((SELECT max(version) FROM events WHERE stream = s), 0) FROM unnest($1::text[]) AS s",
                    [PostgresText.array(unknownStreams)]
                ).rows {
                    if let stream = row[0], let version = row[1].flatMap({ Int64($0) }) { snapshot.versions[stream] = version }
                }
            }
            if locked { known.merge(try Self.answers(for: requestIds, on: connection)) { $1 } }
            let decided = decide(batch, snapshot: snapshot, known: known)
            let verdict = try call(decided, on: connection)
            if let staleness = verdict {
                if locked { throw EventStoreError(.io, "the head changed while locked (\(staleness.rawValue))") }
                if staleness == .request { known.merge(try Self.answers(for: requestIds, on: connection)) { $1 } }
                cache.withLock { cache in
                    cache.tail = nil
                    for stream in streams { cache.versions[stream] = nil }
                }
                return nil
            }
            if locked {
                do {
                    try connection.query("COMMIT")
                } catch {
                    if error.sqlState == nil || error.sqlState!.raw.hasPrefix("08") {
                        throw UnknownOutcome(decided: decided, cause: error.description)
                    }
                    throw error
                }
            }
            cache.withLock { cache in
                cache.tail = decided.tail
                cache.versions.merge(snapshot.versions) { $1 }
                cache.versions.merge(decided.versionsAfter) { $1 }
            }
            return decided
        } catch let error as UnknownOutcome {
            throw error
        } catch {
            if locked { _ = try? connection.query("ROLLBACK") }
            throw error
        }
    }

    static func keys(of batch: [Pending]) -> (streams: [String], requestIds: [String]) {
        var streams: Set<String> = []
        var requestIds: Set<String> = []
        for item in batch {
            switch item {
            case let .append(request, _):
                streams.insert(request.stream)
                if let requestId = request.requestId { requestIds.insert(requestId) }
            case let .importBatch(envelopes, _):
                for envelope in envelopes {
                    streams.insert(envelope.stream)
                    if let requestId = envelope.requestId { requestIds.insert(requestId) }
                }
            }
        }
        return (Array(streams), Array(requestIds))
    }

    static func answers(for requestIds: [String], on connection: PostgresConnection) throws -> [String: AppendResult] {
        guard !requestIds.isEmpty else { return [:] }
        var answered: [String: AppendResult] = [:]
        for row in try connection.query(
            "SELECT request_id, stream, version, position FROM events WHERE request_id = ANY($1::text[]) ORDER BY position",
            [PostgresText.array(requestIds)]
        ).rows {
            guard let id = row[0], let stream = row[1], let version = row[2].flatMap({ Int64($0) }),
                let position = row[3].flatMap({ Int64($0) })
            else { continue }
            var result = answered[id] ?? AppendResult(stream: stream, version: version, positions: [])
            result.version = version
            result.positions.append(position)
            answered[id] = result
        }
        return answered
    }

    /// Plans the batch with the shared ``AppendPlanner`` against `snapshot` and `known`.
    func decide(_ batch: [Pending], snapshot: WriterCache, known: [String: AppendResult]) -> DecidedBatch {
        var decided = DecidedBatch(tail: snapshot.tail!)
        var versions: [String: Int64] = [:]
        var answered: [String: AppendResult] = [:]
        let base = snapshot.versions
        let (streams, requestIds) = Self.keys(of: batch)
        for stream in streams { decided.checkedVersions[stream] = base[stream] ?? 0 }
        decided.checkedRequestIds = requestIds.filter { known[$0] == nil }
        let now = clock()
        func absorb(_ plan: AppendPlanner.AppendPlan) {
            decided.envelopes += plan.envelopes
            decided.canonical += plan.canonical
            decided.tail = plan.tail
            versions.merge(plan.streamVersions) { $1 }
            answered.merge(plan.requestResults) { $1 }
        }
        for item in batch {
            switch item {
            case let .append(request, _):
                let plan = AppendPlanner.plan(
                    [request], after: decided.tail, now: now, streamVersion: { versions[$0] ?? base[$0] ?? 0 },
                    priorResult: { answered[$0] ?? known[$0] })
                absorb(plan)
                switch plan.outcomes[0] {
                case let .success(result): decided.answers.append(.appended(result))
                case let .failure(error): decided.answers.append(.failed(error))
                }
            case let .importBatch(envelopes, _):
                do throws(EventStoreError) {
                    let plan = try AppendPlanner.planImport(
                        envelopes, after: decided.tail, streamVersion: { versions[$0] ?? base[$0] ?? 0 },
                        priorResult: { answered[$0] ?? known[$0] })
                    absorb(plan)
                    decided.answers.append(.imported(plan.tail.head))
                } catch {
                    decided.answers.append(.failed(error))
                }
            }
        }
        decided.versionsAfter = versions
        return decided
    }

    /// Sends the decision to `tafel_append`; `nil` when it was written, else what was stale.
    func call(_ decided: DecidedBatch, on connection: PostgresConnection) throws -> Staleness? {
        let envelopes = decided.envelopes
        let checked = decided.checkedVersions.sorted { $0.key < $1.key }
        let parameters: [String?] = [
            String(envelopes.first.map { $0.position - 1 } ?? decided.tail.position),
            envelopes.first?.previousHash ?? Hex.encode(decided.tail.hash),
            PostgresText.array(checked.map(\.key)),
            PostgresText.array(checked.map(\.value)),
            PostgresText.array(decided.checkedRequestIds),
            PostgresText.array(envelopes.map(\.position)),
            PostgresText.array(envelopes.map(\.stream)),
            PostgresText.array(envelopes.map(\.version)),
            PostgresText.array(envelopes.map(\.type)),
            PostgresText.array(envelopes.map(\.schemaVersion)),
            PostgresText.array(envelopes.map(\.eventId)),
            PostgresText.array(envelopes.map(\.recordedAt.iso8601)),
            PostgresText.array(envelopes.map(\.actor.principalId)),
            PostgresText.array(envelopes.map(\.actor.role)),
            PostgresText.array(envelopes.map(\.requestId)),
            PostgresText.array(decided.canonical.map { String(decoding: $0, as: UTF8.self) }),
            PostgresText.array(envelopes.map(\.previousHash)),
            PostgresText.array(envelopes.map(\.hash)),
            String(decided.tail.recordedAt.millisecondsSinceEpoch),
        ]
        let row: [String?]?
        do {
            row = try connection.query(
                prepared: "tafel_append",
                """
                SELECT outcome FROM tafel_append($1::bigint, $2, $3::text[], $4::bigint[], $5::text[], $6::bigint[],
                    $7::text[], $8::bigint[], $9::text[], $10::bigint[], $11::text[], $12::timestamptz[], $13::text[],
                    $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::bigint)
                """, parameters
            ).first
        } catch {
            if !envelopes.isEmpty, error.sqlState == nil || error.sqlState!.raw.hasPrefix("08") {
                throw UnknownOutcome(decided: decided, cause: error.description)
            }
            throw error
        }
        guard let outcome = row?[0] else { throw EventStoreError(.io, "tafel_append returned nothing") }
        if outcome == "ok" { return nil }
        guard let staleness = Staleness(rawValue: outcome) else { throw EventStoreError(.io, "tafel_append: \(outcome)") }
        return staleness
    }

    func deliver(_ batch: [Pending], _ answers: [Answer]) {
        for (item, answer) in zip(batch, answers) {
            switch (item, answer) {
            case let (.append(_, continuation), .appended(result)): continuation.resume(returning: result)
            case let (.importBatch(_, continuation), .imported(head)): continuation.resume(returning: head)
            case let (_, .failed(error)): PostgresEventStore.fail(item, with: error)
            default: PostgresEventStore.fail(item, with: EventStoreError(.io, "internal: answer does not match the request"))
            }
        }
    }

    func committed(_ decided: DecidedBatch, on connection: PostgresConnection) throws -> Bool {
        guard let first = decided.envelopes.first else { return true }
        return try !connection.query("SELECT 1 FROM events WHERE event_id = $1", [first.eventId]).rows.isEmpty
    }
}

/// What the writer believes of the database between appends: the head it last wrote or
/// read and the versions of streams it has touched. Only a cache: `tafel_append` checks it
/// on every write, and it is dropped whenever the server finds it stale.
struct WriterCache: Sendable {
    var tail: LogTail?
    var versions: [String: Int64] = [:]
}
