import Dispatch
import Events
import Synchronization

/// The PostgreSQL store: the same contract as ``FileEventStore``, for production and for
/// several `tafel serve` processes on one database.
///
/// Appends queued while a transaction runs are merged into the next one (group commit).
/// Each is one INSERT that only lands on top of the event it was chained from (see
/// ``insert(_:on:)``), so positions are gapless and in commit order across processes and
/// the hashes equal the file store's. New events are announced with `NOTIFY tafel_events`,
/// at most every 20 ms (``AnnouncementSchedule``); a listener connection turns notifications
/// (and, after a reconnect, the head) into wake-ups for subscriptions.
public final class PostgresEventStore: EventStore {
    public var kind: String { "postgresql" }

    typealias Pending = PendingWrite

    struct State {
        var pending: [Pending] = []
        var draining = false
        var closed = false
    }

    static let channel = "tafel_events"

    /// The writer's session. Its insert is a prepared statement, and PostgreSQL keeps a
    /// generic plan for it that is chosen against the statistics of the moment. On a new,
    /// empty log that plan checks request ids with a sequential scan, and the connection
    /// would keep it while the log grows: every append would read the whole table. Every
    /// statement the writer runs has an index to use, so sequential scans are ruled out.
    static let writerSettings = ["SET enable_seqscan = off"]

    let writer: ConfinedConnection
    let reader: ConfinedConnection
    let listener: PostgresListener
    let state = Mutex(State())
    /// Touched only on the writer's queue; a mutex because it outlives single calls.
    let cache = Mutex(WriterCache())
    /// Touched only on the writer's queue, like ``cache``.
    let announcements = Mutex(AnnouncementSchedule())
    let waiters: HeadWaiters
    let clock: @Sendable () -> Timestamp

    init(conninfo: String, head: Int64, clock: @escaping @Sendable () -> Timestamp) {
        writer = ConfinedConnection(label: "tafel.postgres.writer", conninfo: conninfo, settings: Self.writerSettings)
        reader = ConfinedConnection(label: "tafel.postgres.reader", conninfo: conninfo)
        waiters = HeadWaiters(head: head)
        listener = PostgresListener(conninfo: conninfo, channel: Self.channel, waiters: waiters)
        self.clock = clock
    }

    /// Connects, applies pending migrations, and starts listening for other processes' events.
    /// - Throws: ``EventStoreError`` naming the cause: unknown host, wrong password, missing
    ///   database or permissions.
    public static func open(
        conninfo: String, migrate: Bool = true,
        clock: @escaping @Sendable () -> Timestamp = FileEventStore.systemClock
    ) async throws -> PostgresEventStore {
        let probe = ConfinedConnection(label: "tafel.postgres.open", conninfo: conninfo)
        let migrations = migrate ? try PostgresMigrations.bundled() : []
        let head: Int64 = try await probe.run { connection in
            if migrate { _ = try PostgresMigrations.apply(migrations, on: connection) }
            return try tail(on: connection).position
        }
        probe.close()
        let store = PostgresEventStore(conninfo: conninfo, head: head, clock: clock)
        store.listener.start()
        return store
    }

    /// Applies pending migrations and returns the versions applied (for `tafel migrate`).
    public static func migrate(conninfo: String) async throws -> [Int] {
        let connection = ConfinedConnection(label: "tafel.postgres.migrate", conninfo: conninfo)
        let migrations = try PostgresMigrations.bundled()
        defer { connection.close() }
        return try await connection.run { try PostgresMigrations.apply(migrations, on: $0) }
    }

    public func append(_ request: AppendRequest) async throws -> AppendResult {
        let prepared = PreparedAppend(request)
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(.append(prepared, continuation))
        }
    }

    public func importEnvelopes(_ envelopes: [EventEnvelope]) async throws -> LogHead {
        if envelopes.isEmpty { return try await head() }
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(.importBatch(envelopes, continuation))
        }
    }

    func enqueue(_ item: Pending) {
        let (refused, first): (Bool, Bool) = state.withLock { state in
            if state.closed { return (true, false) }
            state.pending.append(item)
            if state.draining { return (false, false) }
            state.draining = true
            return (false, true)
        }
        if refused { item.fail(with: EventStoreError(.closed, "the store is closed")) }
        // Started outside the lock: waking the writer's thread takes a system call, and the
        // writer's first act is to take this lock.
        if first { writer.queue.async { self.drain() } }
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Runs on the writer's queue: one transaction for everything queued.
    func drain() {
        while true {
            let batch: [Pending] = state.withLock { state in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            commit(batch)
        }
    }

    public func close() async {
        state.withLock { $0.closed = true }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            writer.queue.async {
                self.announceTrailing()
                continuation.resume()
            }
        }
        listener.stop()
        waiters.close()
        writer.close()
        reader.close()
    }
}
