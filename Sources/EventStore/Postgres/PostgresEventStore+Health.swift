import Dispatch
import Events

/// What `/health` needs to know beyond "the database answers": whether the writer is stuck,
/// and whether the log went backwards (a restore to an earlier point, under a running server).
extension PostgresEventStore {
    /// The writer's state as the health check sees it.
    struct WriterHealth: Sendable {
        /// When the commit in progress started (uptime nanoseconds), `nil` between commits.
        var committingSince: UInt64?
        /// Set, for good, once the log was seen below a position this process saw committed.
        var regression: EventStoreError?
    }

    /// How long one commit may take before the writer counts as stuck: several attempts,
    /// each bounded by the statement timeout, fit well below it.
    static let stuckAfterNanoseconds: UInt64 = 30_000_000_000

    var regression: EventStoreError? { writerHealth.withLock { $0.regression } }

    /// The position this process knows to be committed: its own commits and the heads read.
    var knownHead: Int64 { waiters.state.withLock { $0.head } }

    /// Takes a head read from the database, where `knownBefore` was ``knownHead`` before the
    /// read began: subscriptions move on, or, when the log is shorter than what was known to be
    /// committed before the read, the store stops writing (positions already handed out
    /// would be handed out again, with other events) and `/health` says why.
    /// - Returns: whether the head is plausible.
    @discardableResult
    func observe(head position: Int64, knownBefore: Int64) -> Bool {
        guard position >= knownBefore else {
            let regression = EventStoreError(
                .unavailable,
                "the log went backwards: it ends at position \(position), but \(knownBefore) was committed (a restore?); "
                    + "this server writes nothing until it is restarted")
            let first = writerHealth.withLock { health in
                defer { health.regression = health.regression ?? regression }
                return health.regression == nil
            }
            if first {
                logger.log(.error, "log_went_backwards", [("position", .int(position)), ("committed", .int(knownBefore))])
            }
            return false
        }
        waiters.advance(to: position)
        return true
    }

    /// The last committed event read from the database, checked against ``knownHead``.
    /// - Throws: ``EventStoreError/Code/unavailable`` when the log went backwards.
    func freshTail(on connection: PostgresConnection) throws -> LogTail {
        let knownBefore = knownHead
        let tail = try Self.tail(on: connection)
        observe(head: tail.position, knownBefore: knownBefore)
        if let regression { throw regression }
        return tail
    }

    /// Why this store would refuse an append now: the log went backwards, or the writer has
    /// been stuck on one commit; `nil` when neither.
    package func writeRefusal() async -> EventStoreError? {
        if let regression { return regression }
        let since = writerHealth.withLock { $0.committingSince }
        if let since, DispatchTime.now().uptimeNanoseconds - since > Self.stuckAfterNanoseconds {
            return EventStoreError(.unavailable, "the writer has been on one commit for more than \(Self.stuckAfterNanoseconds / 1_000_000_000) s")
        }
        return nil
    }
}
