import EventStore
import Events
import Projections

/// Runs commands: authenticate → validate → decide → append, one direction.
///
/// It keeps a ``CoordinationModel`` caught up with the log (also with events other
/// processes appended) and decides on it; the append carries the version the decision
/// was made on, so a concurrent writer makes it a conflict, never a lost update. Without a
/// client `expectedVersion` the decision is simply made again on the newer state; with one,
/// the conflict goes back to the client. A `requestId` belongs to the principal that sends
/// it: repeated with the same command it returns the first result, with another command it
/// is refused, and another principal's id answers nothing.
///
/// ```swift
/// let service = try await CoordinationService(store: store)
/// let principal = await service.authenticate(token: bearer)
/// let result = try await service.execute(.closeMeeting(meetingId: "m1"), by: principal!, requestId: "r-17")
/// ```
package actor CoordinationService {
    package let store: any EventStore
    package private(set) var model = CoordinationModel()
    /// Positions by stream, dossier and actor, for `audit.trail`.
    package private(set) var audit = AuditIndex()
    /// Answers by principal and `requestId`, from the log.
    var answered: [RequestKey: AnsweredRequest] = [:]
    static let maximumAttempts = 8
    /// Streams with a command in flight, and the commands waiting for each: commands of this
    /// process on one stream go one at a time, so they never race each other into conflicts;
    /// conflicts then only come from other processes.
    var busyStreams: Set<String> = []
    var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// The page read in progress, which every concurrent catch-up waits for.
    var pageInFlight: Task<Bool, Error>?
    /// How recently the model was known to hold the log: what lets a token be judged
    /// without a store round trip (``authenticate(token:)``).
    var freshness = ModelFreshness()
    /// The catch-up every request that found the model stale waits for.
    var refreshing: Task<Void, Error>?
    /// Where the follow loop and the follow-ups of commands report their failures.
    package let logger: Logger
    /// Models at past positions, so that an as-of query replays only from the nearest one.
    var checkpoints = CheckpointCache<CoordinationModel>()
    /// The end of the chain verified so far, where the next `audit.verify` starts.
    var verified = ChainVerifier.Anchor.genesis
    /// The head ``status()`` read last, and when; and the read in progress.
    var reportedHead: (at: UInt64, position: Int64?)?
    var headInFlight: Task<Int64?, Never>?
    /// Dossier ids in order, for `dossier.list` pages.
    var dossierOrder = DossierOrder()
    /// What free texts read as in every answer (live and as-of): the texts of this
    /// process's own appends and those fetched for events others wrote, and the erasures.
    package let vault = TextVault()
    /// When a failed text fetch may be retried by a query (monotonic nanoseconds), so a
    /// failing side store costs one round trip per second, not one per query.
    var textsRetryAt: UInt64 = 0
    /// The number of references each `PersonalDataErased` named, by position: the `erased`
    /// count `privacy.erase` answers without another store read.
    var erasureCounts: [Int64: Int] = [:]
    /// The read log's writer, for `audit.reads`; `nil` when the read log is off.
    package internal(set) var readLog: ReadLogWriter?

    /// - Parameter logger: where failures that no caller hears of are written.
    package init(store: any EventStore, logger: Logger = .standardError) async throws {
        self.store = store
        self.logger = logger
        try await catchUp()
    }

    /// Applies every event appended before this call (the log's head when it starts).
    ///
    /// One page is read at a time, whoever asks: concurrent commands waiting for the same new
    /// events share that read instead of each decoding them again, which would cost the
    /// square of the concurrency.
    package func catchUp() async throws {
        let asked = freshness.clock()
        let target = try await store.head().position
        while model.position < target {
            if let running = pageInFlight {
                _ = try await running.value
                continue
            }
            let page = Task { try await self.applyNextPage() }
            pageInFlight = page
            guard try await page.value else { return }
        }
        freshness.confirm(asked)
    }

    /// Reads and applies the page after the model's position; false when there was none.
    func applyNextPage() async throws -> Bool {
        defer { pageInFlight = nil }
        let page = try await store.read(from: model.position + 1, limit: 2000)
        // Before the model moves: no answer may show an event whose text is not in yet.
        await fetchTexts(for: page)
        for envelope in page where envelope.position == model.position + 1 {
            model.apply(envelope)
            audit.apply(envelope)
            vault.apply(envelope)
            if envelope.type == PersonalDataErased.eventType, case let .array(refs)? = envelope.data["refs"] {
                erasureCounts[envelope.position] = refs.count
            }
            if let key = RequestKey(envelope) { answered[key] = AnsweredRequest.recording(envelope, into: answered[key]) }
        }
        return !page.isEmpty
    }

    /// The principal a bearer token belongs to, or `nil` (unknown or revoked token).
    ///
    /// Judged on the model, never by a store round trip of its own: the follow loop keeps
    /// the model current, and a model not confirmed within ``ModelFreshness/maximumStaleness``
    /// is caught up first, once for all requests waiting. So a revocation or a narrowed scope
    /// committed by any process holds here for every request that starts more than that bound
    /// after the commit, and usually within milliseconds; an unknown token costs nothing.
    /// - Throws: a store error when the model is stale and cannot be caught up: a token is
    ///   not judged on a model that may have missed its revocation.
    package func authenticate(token: String) async throws -> ActingPrincipal? {
        if !freshness.isFresh(at: freshness.clock()) { try await refresh() }
        guard let id = model.tokens[Token.hash(token)], let record = model.principals[id], !record.revoked else { return nil }
        return ActingPrincipal(record)
    }

    /// Follows the log in the background, so that events other processes append reach the
    /// projections without waiting for a command here. Ends with the task that runs it.
    /// A failure is logged and retried after a back-off that doubles from 0.2 s to 5 s.
    package func follow() async {
        let first: UInt64 = 200_000_000
        var backOff = first
        while !Task.isCancelled {
            do {
                try await store.waitForEvents(after: model.position)
                try await catchUp()
                backOff = first
            } catch {
                if Task.isCancelled { return }
                logger.log(.warning, "follow_failed", [
                    ("position", .int(model.position)), ("retryInMs", .int(Int64(backOff / 1_000_000))), ("cause", .string("\(error)")),
                ])
                try? await Task.sleep(nanoseconds: backOff)
                backOff = min(backOff * 2, 5_000_000_000)
            }
        }
    }

    /// Runs `command` as `principal`.
    ///
    /// The principal is judged as it is after each catch-up, not as it was at authentication:
    /// a command queued behind others runs after a revocation or a narrowed scope committed
    /// meanwhile, and is then refused (`unauthenticated`) or judged on the current role and scope.
    /// The decision also carries the versions of the other streams it read (a dossier, a
    /// table, the principal), so a change to any of them before the append lands makes it a
    /// conflict, decided again on the newer state.
    ///
    /// A `requestId` this principal used before is answered with the first result, without
    /// deciding again (the rules may refuse now what they allowed then), but only once the
    /// principal is authorized to run the command; used before for another command it is
    /// refused (``DomainError/Kind/requestIdReused``).
    ///
    /// Once the append succeeded its result is returned whatever happens next: a failing
    /// catch-up or carry-over is logged (`follow_up_failed`) and finished later (the
    /// carry-over resumes on a retried `meeting.close` with the same `requestId`, and when a
    /// meeting of that table is scheduled).
    /// - Throws: ``DomainError`` (invalid params, unauthenticated, not found, forbidden,
    ///   conflict, rule) or a store error when the log cannot be written.
    package func execute(
        _ command: Command, by principal: ActingPrincipal, expectedVersion: Int64? = nil, requestId: String? = nil,
        correlationId: String? = nil
    ) async throws -> AppendResult {
        try CommandValidation.validate(command)
        let correlation = correlationId ?? requestId ?? EventId.random()
        let key = requestId.map { RequestKey(principalId: principal.principalId, requestId: $0) }
        let fingerprint = requestId == nil ? nil : command.fingerprint(expectedVersion: expectedVersion)
        await acquire(command.stream)
        defer { release(command.stream) }
        for _ in 1...Self.maximumAttempts {
            try await catchUp()
            let acting = try current(principal)
            if let key, let earlier = answered[key] {
                try Decider.authorize(command, by: acting, on: model)
                guard earlier.isRetry(fingerprint: fingerprint) else { throw DomainError.requestIdReused(key.requestId) }
                // A retry also finishes what the first attempt may have left undone.
                await followUpAfterAppend(command, by: acting, correlationId: correlation, cause: nil, catchingUp: false)
                return earlier.result
            }
            let decidedAt = model.position
            let decided = try Decider.decide(command, by: acting, on: model, expectedVersion: expectedVersion)
            // Nothing would change: nothing is appended, and the answer is the current version.
            if decided.events.isEmpty { return AppendResult(stream: decided.stream, version: decided.expectedVersion, positions: []) }
            let events = decided.events.map { ProposedEvent($0) }
            let request = AppendRequest(
                stream: decided.stream, expectedVersion: decided.expectedVersion == 0 ? .noStream : .exact(decided.expectedVersion),
                events: events, actor: Actor(principalId: acting.principalId, role: acting.role.rawValue),
                correlationId: correlation, requestId: requestId, requestFingerprint: fingerprint,
                conditions: decided.conditions, texts: decided.texts, erasing: decided.erasing)
            // In before the append: the model may take in the event (a concurrent catch-up)
            // before this call resumes, and must then find its texts.
            vault.put(decided.texts)
            let appended: AppendResult
            do {
                appended = try await store.append(request)
            } catch let error as EventStoreError where error.code == .conflict {
                vault.forget(decided.texts.map(\.ref))
                // A client's expectation concerns the command's own stream; a moved condition
                // stream is decided again, where that expectation is checked once more.
                if let expectedVersion, error.stream == nil || error.stream == decided.stream {
                    throw DomainError(
                        .conflict, "\(decided.stream) changed while deciding", expected: expectedVersion, actual: error.actual)
                }
                await awaitNewerEvents(than: decidedAt)
                continue
            } catch let error as EventStoreError where error.code == .requestIdReused {
                vault.forget(decided.texts.map(\.ref))
                throw DomainError.requestIdReused(requestId ?? "")
            } catch {
                // The append may still have landed (outcome unknown), and a catch-up may
                // have taken it in meanwhile: the texts are asked of the store again.
                vault.recheck(decided.texts)
                throw error
            }
            await followUpAfterAppend(command, by: acting, correlationId: correlation, cause: events.first?.eventId, catchingUp: true)
            return appended
        }
        throw DomainError(.conflict, "\(command.stream) kept changing; try again")
    }

    /// `principal` as the model holds it now: its current role and scope.
    /// - Throws: `unauthenticated` when it was revoked since it authenticated. A principal
    ///   without a record (one a test or tool constructs) stays as it is.
    func current(_ principal: ActingPrincipal) throws(DomainError) -> ActingPrincipal {
        guard let record = model.principals[principal.principalId] else { return principal }
        guard !record.revoked, let current = ActingPrincipal(record) else {
            throw DomainError(.unauthenticated, "\(principal.principalId) was revoked")
        }
        return current
    }

    /// Catches up and runs the command's follow-up after its append succeeded. A failure is
    /// logged, never thrown: the command was written, and the caller must learn that.
    func followUpAfterAppend(_ command: Command, by principal: ActingPrincipal, correlationId: String, cause: String?, catchingUp: Bool) async {
        do {
            if catchingUp { try await catchUp() }
            try await followUp(command, by: principal, correlationId: correlationId, cause: cause)
        } catch {
            logger.log(.error, "follow_up_failed", [
                ("stream", .string(command.stream)), ("correlationId", .string(correlationId)), ("cause", .string("\(error)")),
            ])
        }
    }

    /// After a conflict that the model has not seen yet (the store decided it against a write
    /// still being flushed), waits until the log moves past `position`, at most 0.1 s, rather
    /// than deciding the same thing again at once.
    func awaitNewerEvents(than position: Int64) async {
        if let head = try? await store.head().position, head > position { return }
        let store = self.store
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await store.waitForEvents(after: position) }
            group.addTask { try? await Task.sleep(nanoseconds: 100_000_000) }
            await group.next()
            group.cancelAll()
        }
    }

    /// What follows a command in appends of its own: the carry-over into the next meeting
    /// after `meeting.close` and `meeting.cancel`, the rest of a carry-over too large for the
    /// append that scheduled the meeting, and the items a rescheduled meeting now inherits.
    func followUp(_ command: Command, by principal: ActingPrincipal, correlationId: String, cause: String?) async throws {
        switch command {
        case let .closeMeeting(meetingId), let .cancelMeeting(meetingId, _):
            guard let closed = model.meetings[meetingId], !closed.isOpen, let next = model.nextMeeting(after: closed) else { return }
            try await carryOver(into: next.meetingId, by: principal, correlationId: correlationId, cause: cause)
        case let .scheduleMeeting(meetingId, _, _, _), let .rescheduleMeeting(meetingId, _, _, _):
            try await carryOver(into: meetingId, by: principal, correlationId: correlationId, cause: cause)
        default:
            return
        }
    }

    func acquire(_ stream: String) async {
        if busyStreams.insert(stream).inserted { return }
        await withCheckedContinuation { waiting[stream, default: []].append($0) }
    }

    /// Hands the stream to the next waiting command, or frees it.
    func release(_ stream: String) {
        if var queue = waiting[stream], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[stream] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            busyStreams.remove(stream)
        }
    }

    /// Places the undiscussed items of the table's closed meetings on meeting `meetingId`, one
    /// append of at most ``Decider/maximumEvents`` at a time, deciding again if that meeting
    /// changed meanwhile. Ends when nothing is left to place.
    func carryOver(into meetingId: String, by principal: ActingPrincipal, correlationId: String, cause: String?) async throws {
        var conflicts = 0
        while conflicts < Self.maximumAttempts, let decided = Decider.carryOver(into: meetingId, on: model) {
            let request = AppendRequest(
                stream: decided.stream, expectedVersion: .exact(decided.expectedVersion),
                events: decided.events.map { ProposedEvent($0) },
                actor: Actor(principalId: principal.principalId, role: principal.role.rawValue),
                correlationId: correlationId, causationId: cause, conditions: decided.conditions)
            let decidedAt = model.position
            do {
                _ = try await store.append(request)
            } catch let error as EventStoreError where error.code == .conflict {
                conflicts += 1
                await awaitNewerEvents(than: decidedAt)
            }
            try await catchUp()
        }
    }
}
