import Dispatch
import Events

extension PostgresEventStore {
    /// What one batch decided: the rows to insert and the answer owed to each item.
    struct DecidedBatch: Sendable {
        var envelopes: [EventEnvelope] = []
        var canonical: [[UInt8]] = []
        /// The raw hash of each row.
        var hashes: [[UInt8]] = []
        /// The raw hash the first row chains from.
        let chainedFrom: [UInt8]
        /// The rows as the insert's array parameters, encoded as they are added once there are
        /// two: a single row goes as plain values, and encoding it was wasted.
        var columns = BatchColumns()
        var tail: LogTail
        var answers: [Answer] = []
        /// Requests of the rows that the decision assumed unanswered, for the server to check.
        var checkedRequests: [RequestKey] = []
        /// Stream versions after the batch.
        var versionsAfter: [String: Int64] = [:]
        /// The answers of the batch's requests.
        var answered: [RequestKey: AnsweredRequest] = [:]
        /// The free texts the batch's writing items store, and the references they erase.
        var texts = PostgresTextRows()

        init(tail: LogTail) {
            self.tail = tail
            chainedFrom = tail.hash
        }

        /// Adds a plan made after this batch's tail for `items`, with their answers; its
        /// requests not in `known` are left for the server to check.
        mutating func extend(
            with plan: AppendPlanner.AppendPlan, items: [Pending], answers: [Answer], known: [RequestKey: AnsweredRequest] = [:]
        ) {
            for (index, positions) in PostgresEventStore.writers(items, answers, after: tail.position) {
                switch items[index] {
                case let .append(prepared, _):
                    if !prepared.request.texts.isEmpty || !prepared.request.erasing.isEmpty {
                        texts.add(prepared.request, positions: positions)
                    }
                case let .importBatch(envelopes, sealed, _):
                    texts.add(sealed, importedWith: envelopes)
                }
            }
            for (envelope, (body, hash)) in zip(plan.envelopes, zip(plan.canonical, plan.hashes)) {
                // The second row starts the arrays, with the first row encoded then.
                if envelopes.count == 1 {
                    columns.append(envelopes[0], canonical: canonical[0], hash: hashes[0], previousHash: chainedFrom)
                }
                if !envelopes.isEmpty {
                    columns.append(envelope, canonical: body, hash: hash, previousHash: hashes[hashes.count - 1])
                }
                envelopes.append(envelope)
                canonical.append(body)
                hashes.append(hash)
            }
            self.answers += answers
            tail = plan.tail
            versionsAfter.merge(plan.streamVersions) { $1 }
            answered.merge(plan.requestResults) { $1 }
            checkedRequests += Set(plan.envelopes.compactMap(RequestKey.init)).filter { known[$0] == nil }
        }
    }

    typealias Answer = AppendPlanner.Answer

    /// The connection broke, or the server ended the session, after the insert was sent:
    /// the rows may or may not be in the log.
    struct UnknownOutcome: Error {
        var decided: DecidedBatch
        var cause: String
        /// The server process that ran the insert (`PQbackendPID`); 0 when not known.
        var backend: Int32
    }

    /// The insert ran into the unique `event_id`: events of the batch are in the log already
    /// (an earlier attempt whose answer was lost, or a client that sent them before).
    struct EventIdsInLog: Error {}

    static let maximumAttempts = 4

    /// Decides and commits `batch`. The common case is one round trip: decide against the
    /// cached tail and versions and insert with one statement that checks them. When another
    /// process moved something, refresh and decide again; the last attempt locks other
    /// writers out first, so it cannot be stale. A broken connection during the write is
    /// resolved by looking up the first event id before answering.
    ///
    /// The first attempt sends `planned` when given (decided while the batch before was in
    /// flight), or only waits for its result when it is `sent` already (``sendAhead(_:after:)``),
    /// and itself decides ahead whatever arrives while it is at the server. The answers of
    /// the batch before are handed out once this one is sent, and this batch's are left owed
    /// in turn (``owed``). A refused first attempt is decided again like any other.
    /// - Returns: what arrived meanwhile, for the next batch.
    func commit(_ batch: [Pending], planned: DecidedBatch? = nil, sent: PlannedAhead.Sent? = nil) -> PlannedAhead {
        let ahead = PlannedAhead()
        var batch = batch
        var known: [RequestKey: AnsweredRequest] = [:]
        var lastError = EventStoreError(.io, "append failed")
        writerHealth.withLock { $0.committingSince = DispatchTime.now().uptimeNanoseconds }
        defer { writerHealth.withLock { $0.committingSince = nil } }
        for attempt in 1...Self.maximumAttempts {
            if let regression {
                lastError = regression
                break
            }
            let locked = attempt == Self.maximumAttempts
            let overlapping = attempt == 1
            let alreadySent = overlapping ? sent : nil
            let now = alreadySent?.at ?? DispatchTime.now().uptimeNanoseconds
            let announce = alreadySent?.announce ?? announcements.withLock { $0.isDue(at: now) }
            if !overlapping { ahead.giveUp() }
            do {
                let outcome = try writer.onQueue { connection in
                    try self.attempt(
                        batch, known: &known, locked: locked, announce: announce, planned: overlapping ? planned : nil,
                        alreadySent: alreadySent != nil,
                        whileWaiting: overlapping
                            ? { inFlight in
                                self.settleOwed()
                                self.takeArrivals(into: ahead, after: inFlight)
                            } : nil,
                        on: connection)
                }
                if let decided = outcome {
                    let follow = decided.envelopes.isEmpty ? .nothing : recordCommit(through: decided.tail.position, announced: announce, at: now)
                    sendAhead(ahead, after: decided)
                    settleOwed()
                    owed.withLock { $0 = Array(zip(batch, decided.answers)) }
                    if !decided.envelopes.isEmpty { publish(decided.tail.position, then: follow) }
                    return ahead
                }
            } catch let error as UnknownOutcome {
                ahead.giveUp()
                cache.withLock { $0 = WriterCache() }
                let resolution = resolve(error)
                logResolution(resolution, of: error, attempt: attempt)
                switch resolution {
                case .landed:
                    settleOwed()
                    deliver(batch, error.decided.answers)
                    published(error.decided.tail.position, announced: false, at: now)
                    return ahead
                case .absent:
                    lastError = EventStoreError(.retryable, "the database connection broke before the append was committed")
                case let .unknown(cause):
                    settleOwed()
                    let unknown = EventStoreError(
                        .outcomeUnknown, "the append may or may not have been written (\(error.cause); \(cause))")
                    for (item, answer) in zip(batch, error.decided.answers) {
                        if Self.writes(answer, in: error.decided) { item.fail(with: unknown) } else { item.resume(with: answer) }
                    }
                    return ahead
                }
            } catch let error as TextRefsInUse {
                ahead.giveUp()
                cache.withLock { $0 = WriterCache() }
                settleOwed()
                do {
                    batch = try writer.onQueue { try self.refuseTextsInUse(batch, decided: error.decided, on: $0) }
                } catch {
                    lastError = EventStoreError.from(error)
                    guard lastError.code == .retryable else { break }
                }
                if batch.isEmpty { return ahead }
            } catch is EventIdsInLog {
                ahead.giveUp()
                cache.withLock { $0 = WriterCache() }
                settleOwed()
                do {
                    batch = try writer.onQueue { try self.answerLanded(batch, on: $0) }
                } catch {
                    lastError = EventStoreError.from(error)
                    guard lastError.code == .retryable else { break }
                }
                if batch.isEmpty { return ahead }
            } catch {
                cache.withLock { $0 = WriterCache() }
                lastError = EventStoreError.from(error)
                guard lastError.code == .retryable else { break }
                if attempt < Self.maximumAttempts {
                    logger.log(.warning, "append_retry", [
                        ("attempt", .int(Int64(attempt))), ("appends", .int(Int64(batch.count))),
                        ("code", .string(lastError.code.rawValue)), ("cause", .string(lastError.message)),
                    ])
                }
            }
        }
        ahead.giveUp()
        settleOwed()
        if !batch.isEmpty, regression == nil {
            logger.log(.error, "append_failed", [
                ("appends", .int(Int64(batch.count))), ("code", .string(lastError.code.rawValue)), ("cause", .string(lastError.message)),
            ])
        }
        for item in batch { item.fail(with: lastError) }
        return ahead
    }

    /// Reports what became of a batch whose answer was lost: `landed` and `absent` are
    /// definite (an absent batch is decided again), `unknown` reaches its callers as
    /// `outcome_unknown`.
    func logResolution(_ resolution: Resolution, of unknown: UnknownOutcome, attempt: Int) {
        let (name, level, cause): (String, Logger.Level, String?) =
            switch resolution {
            case .landed: ("landed", .info, nil)
            case .absent: ("absent", .warning, nil)
            case let .unknown(cause): ("unknown", .error, cause)
            }
        var fields: [(String, JSONValue)] = [
            ("resolution", .string(name)), ("attempt", .int(Int64(attempt))),
            ("events", .int(Int64(unknown.decided.envelopes.count))), ("firstPosition", .int(unknown.decided.envelopes.first?.position ?? 0)),
            ("lostBecause", .string(unknown.cause)),
        ]
        if let cause { fields.append(("cause", .string(cause))) }
        logger.log(level, "append_answer_lost", fields)
    }

    /// Sends the batch decided ahead of `committed` at once, before the writer's bookkeeping
    /// for `committed`: handing out answers and waking subscriptions left the server idle
    /// between batches. Only a decision that rests on nothing but `committed` goes; anything
    /// else waits for the next ``commit(_:planned:sent:)``, which decides or sends it then.
    func sendAhead(_ ahead: PlannedAhead, after committed: DecidedBatch) {
        guard let next = ahead.decided, let first = next.envelopes.first, first.position == committed.tail.position + 1,
            Self.conflictStreams(ahead.items, next.answers).isEmpty
        else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let announce = announcements.withLock { $0.isDue(at: now) }
        // A failed send leaves the decision unsent: the next commit sends it again, on a
        // fresh connection, and handles the failure like any other.
        guard (try? writer.onQueue({ try self.sendInsert(next, announce: announce, on: $0) })) != nil else { return }
        ahead.markSent(announce: announce, at: now)
    }

    /// Called while a batch is at the server: takes what was queued since and decides it ahead.
    func takeArrivals(into ahead: PlannedAhead, after inFlight: DecidedBatch) {
        let arrived = state.withLock { state in
            let arrived = state.pending
            state.pending = []
            state.signalled = false
            return arrived
        }
        guard !arrived.isEmpty else { return }
        ahead.add(arrived, after: inFlight, cachedVersion: { stream in self.cache.withLock { $0.versions[stream] } }, now: clock())
    }

    /// One try: `nil` when the server found a belief stale (the cache is then refreshed).
    ///
    /// Beliefs come from the cache unless the attempt is `locked` or imports (then everything
    /// is read fresh). A conflict is never answered from the cache: the versions it rests on
    /// are read again first, because the cache may lag behind other processes.
    func attempt(
        _ batch: [Pending], known: inout [RequestKey: AnsweredRequest], locked: Bool, announce: Bool,
        planned: DecidedBatch? = nil, alreadySent: Bool = false, whileWaiting: ((DecidedBatch) -> Void)? = nil,
        on connection: PostgresConnection
    ) throws -> DecidedBatch?
    {
        if locked {
            try connection.query("BEGIN")
            try connection.query("SELECT tafel_lock_log()")
        }
        do {
            let (streams, requests) = Self.keys(of: batch)
            // Only the batch's own streams: copying the whole cache, or merging it back,
            // would cost every commit time in proportion to every stream ever written.
            var snapshot = cache.withLock { cache in
                var versions: [String: Int64] = [:]
                for stream in streams { versions[stream] = cache.versions[stream] }
                return WriterCache(tail: cache.tail, versions: versions)
            }
            let thorough = locked || batch.contains { if case .importBatch = $0 { true } else { false } }
            var decided: DecidedBatch
            // A conflict decided ahead rests on cached versions: it is decided again below.
            if let planned, alreadySent {
                decided = planned
            } else if let planned, !thorough, Self.conflictStreams(batch, planned.answers).isEmpty,
                planned.envelopes.first.map({ $0.position == (snapshot.tail?.position ?? -1) + 1 }) ?? false
            {
                decided = planned
            } else {
                if thorough || snapshot.tail == nil { snapshot.tail = try freshTail(on: connection) }
                var fresh: Set<String> = []
                func refresh(_ stale: [String]) throws {
                    guard !stale.isEmpty else { return }
                    snapshot.versions.merge(try Self.versions(of: stale, on: connection)) { $1 }
                    fresh.formUnion(stale)
                }
                try refresh(thorough ? streams : streams.filter { snapshot.versions[$0] == nil })
                if thorough { known.merge(try Self.answers(for: requests, on: connection)) { $1 } }
                decided = decide(batch, snapshot: snapshot, known: known)
                while case let doubtful = Self.conflictStreams(batch, decided.answers).subtracting(fresh), !doubtful.isEmpty {
                    try refresh(Array(doubtful))
                    decided = decide(batch, snapshot: snapshot, known: known)
                }
            }
            let inFlight = decided
            if !decided.envelopes.isEmpty,
                let refusal = try alreadySent
                    ? awaitInsert(decided, announce: announce, on: connection, whileWaiting: whileWaiting.map { plan in { plan(inFlight) } })
                    : insert(decided, announce: announce, on: connection, whileWaiting: whileWaiting.map { plan in { plan(inFlight) } })
            {
                if locked { throw EventStoreError(.io, "the append was refused with other writers locked out: \(refusal)") }
                known.merge(try Self.answers(for: requests, on: connection)) { $1 }
                // Every version goes, not only the batch's: another process wrote, and a
                // cached version of a stream only read as a condition may be stale, which
                // no unique key in the insert would catch.
                cache.withLock { cache in
                    cache.tail = nil
                    cache.versions = [:]
                }
                return nil
            }
            if locked {
                do {
                    try connection.query("COMMIT")
                } catch {
                    throw Self.outcome(of: error, decided: decided, on: connection)
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

    /// Plans the batch with the shared ``AppendPlanner`` against `snapshot` and `known`.
    func decide(_ batch: [Pending], snapshot: WriterCache, known: [RequestKey: AnsweredRequest]) -> DecidedBatch {
        let (plan, answers) = AppendPlanner.plan(
            batch, after: snapshot.tail!, now: clock(), streamVersion: { snapshot.versions[$0] ?? 0 },
            priorResult: { known[$0] })
        var decided = DecidedBatch(tail: snapshot.tail!)
        decided.extend(with: plan, items: batch, answers: answers, known: known)
        return decided
    }

    /// Resumes every queued item with its answer, in batch order.
    func deliver(_ batch: [Pending], _ answers: [Answer]) {
        for (item, answer) in zip(batch, answers) { item.resume(with: answer) }
    }

    /// Hands out the answers ``owed`` by the last committed batch.
    func settleOwed() {
        let answers = owed.withLock { owed in
            defer { owed = [] }
            return owed
        }
        for (item, answer) in answers { item.resume(with: answer) }
    }

}

/// What the writer believes of the database between appends: the head it last wrote or
/// read and the versions of streams it has touched. Only a cache: every insert checks it,
/// and it is dropped whenever the server finds it stale.
struct WriterCache: Sendable {
    var tail: LogTail?
    var versions: [String: Int64] = [:]
}
