import Events

extension PostgresEventStore {
    /// What one batch decided: the rows to insert and the answer owed to each item.
    struct DecidedBatch: Sendable {
        var envelopes: [EventEnvelope] = []
        var canonical: [[UInt8]] = []
        var tail: LogTail
        var answers: [Answer] = []
    }

    /// What one queued item is owed.
    enum Answer: Sendable {
        case appended(AppendResult)
        case imported(LogHead)
        case failed(EventStoreError)
    }

    /// Decides and commits `batch` in one transaction; on a broken connection it finds out
    /// whether the commit landed (by the first event id) before answering, and tries once more
    /// when it did not.
    func commit(_ batch: [Pending]) {
        var lastError: EventStoreError?
        for _ in 0..<2 {
            do {
                let decided = try writer.onQueue { connection in try transaction(batch, on: connection) }
                deliver(batch, decided.answers)
                if !decided.envelopes.isEmpty { waiters.advance(to: decided.tail.position) }
                return
            } catch let error as UnknownOutcome {
                if let landed = try? writer.onQueue({ try committed(error.decided, on: $0) }), landed {
                    deliver(batch, error.decided.answers)
                    waiters.advance(to: error.decided.tail.position)
                    return
                }
                lastError = EventStoreError(.retryable, "the database connection broke during commit: \(error.cause)")
            } catch {
                let storeError = EventStoreError.from(error)
                lastError = storeError
                guard storeError.code == .retryable else { break }
            }
        }
        for item in batch { PostgresEventStore.fail(item, with: lastError ?? EventStoreError(.io, "append failed")) }
    }

    struct UnknownOutcome: Error {
        var decided: DecidedBatch
        var cause: String
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

    func transaction(_ batch: [Pending], on connection: PostgresConnection) throws -> DecidedBatch {
        try connection.query("BEGIN")
        do {
            let decided = try decide(batch, on: connection)
            if !decided.envelopes.isEmpty { try insert(decided, on: connection) }
            do {
                try connection.query("COMMIT")
            } catch {
                if error.sqlState == nil || error.sqlState!.raw.hasPrefix("08") {
                    throw UnknownOutcome(decided: decided, cause: error.description)
                }
                throw error
            }
            return decided
        } catch let error as UnknownOutcome {
            throw error
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw error
        }
    }

    func decide(_ batch: [Pending], on connection: PostgresConnection) throws -> DecidedBatch {
        guard let head = try connection.query(
            "SELECT position, encode(hash, 'hex'), recorded_at_ms FROM log_head WHERE id = 1 FOR UPDATE"
        ).first, let position = head[0].flatMap({ Int64($0) }), let hash = head[1].flatMap(Hex.decode),
            let recordedAt = head[2].flatMap({ Int64($0) })
        else { throw EventStoreError(.unavailable, "the log_head row is missing; run tafel migrate") }

        var streams: [String] = []
        var requestIds: [String] = []
        for item in batch {
            switch item {
            case let .append(request, _):
                streams.append(request.stream)
                if let requestId = request.requestId { requestIds.append(requestId) }
            case let .importBatch(envelopes, _):
                streams += envelopes.map(\.stream)
                requestIds += envelopes.compactMap(\.requestId)
            }
        }
        var versions: [String: Int64] = [:]
        for row in try connection.query(
            "SELECT stream, max(version) FROM events WHERE stream = ANY($1::text[]) GROUP BY stream",
            [PostgresText.array(Array(Set(streams)))]
        ).rows {
            if let stream = row[0], let version = row[1].flatMap({ Int64($0) }) { versions[stream] = version }
        }
        var answered: [String: AppendResult] = [:]
        if !requestIds.isEmpty {
            for row in try connection.query(
                "SELECT request_id, stream, version, position FROM events WHERE request_id = ANY($1::text[]) ORDER BY position",
                [PostgresText.array(Array(Set(requestIds)))]
            ).rows {
                guard let id = row[0], let stream = row[1], let version = row[2].flatMap({ Int64($0) }),
                    let position = row[3].flatMap({ Int64($0) })
                else { continue }
                var result = answered[id] ?? AppendResult(stream: stream, version: version, positions: [])
                result.version = version
                result.positions.append(position)
                answered[id] = result
            }
        }

        var decided = DecidedBatch(
            tail: LogTail(position: position, hash: hash, recordedAt: Timestamp(millisecondsSinceEpoch: recordedAt)))
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
                    [request], after: decided.tail, now: now, streamVersion: { versions[$0] ?? 0 },
                    priorResult: { answered[$0] })
                absorb(plan)
                switch plan.outcomes[0] {
                case let .success(result): decided.answers.append(.appended(result))
                case let .failure(error): decided.answers.append(.failed(error))
                }
            case let .importBatch(envelopes, _):
                do throws(EventStoreError) {
                    let plan = try AppendPlanner.planImport(
                        envelopes, after: decided.tail, streamVersion: { versions[$0] ?? 0 },
                        priorResult: { answered[$0] })
                    absorb(plan)
                    decided.answers.append(.imported(plan.tail.head))
                } catch {
                    decided.answers.append(.failed(error))
                }
            }
        }
        return decided
    }

    static let columnsPerRow = 13
    static let rowsPerStatement = 400

    func insert(_ decided: DecidedBatch, on connection: PostgresConnection) throws {
        var start = 0
        while start < decided.envelopes.count {
            let end = min(decided.envelopes.count, start + Self.rowsPerStatement)
            var values: [String] = []
            var parameters: [String?] = []
            parameters.reserveCapacity((end - start) * Self.columnsPerRow)
            for index in start..<end {
                let envelope = decided.envelopes[index]
                let base = parameters.count
                values.append(
                    "($\(base + 1)::bigint, $\(base + 2), $\(base + 3)::bigint, $\(base + 4), $\(base + 5)::bigint, $\(base + 6), $\(base + 7)::timestamptz, $\(base + 8), $\(base + 9), $\(base + 10), $\(base + 11), decode($\(base + 12), 'hex'), decode($\(base + 13), 'hex'))"
                )
                parameters += [
                    String(envelope.position), envelope.stream, String(envelope.version), envelope.type,
                    String(envelope.schemaVersion), envelope.eventId, envelope.recordedAt.iso8601,
                    envelope.actor.principalId, envelope.actor.role, envelope.requestId,
                    String(decoding: decided.canonical[index], as: UTF8.self), envelope.previousHash, envelope.hash,
                ]
            }
            let isLast = end == decided.envelopes.count
            let insert =
                "INSERT INTO events (position, stream, version, type, schema_version, event_id, recorded_at, actor_id, actor_role, request_id, canonical, previous_hash, hash) VALUES "
                + values.joined(separator: ", ")
            if isLast {
                let base = parameters.count
                parameters += [
                    String(decided.tail.position), Hex.encode(decided.tail.hash),
                    String(decided.tail.recordedAt.millisecondsSinceEpoch),
                ]
                try connection.query(
                    """
                    WITH inserted AS (\(insert) RETURNING 1),
                    head AS (UPDATE log_head SET position = $\(base + 1)::bigint, hash = decode($\(base + 2), 'hex'),
                             recorded_at_ms = $\(base + 3)::bigint WHERE id = 1 RETURNING 1)
                    SELECT pg_notify('\(Self.channel)', $\(base + 1)::text), (SELECT count(*) FROM inserted), (SELECT count(*) FROM head)
                    """, parameters)
            } else {
                try connection.query(insert, parameters)
            }
            start = end
        }
    }
}
