import Dispatch
import Events
import Glibc
import Synchronization

/// The PostgreSQL store: the same contract as ``FileEventStore``, for production and for
/// several `tafel serve` processes on one database.
///
/// Appends queued while a transaction runs are merged into the next one (group commit).
/// Each is one INSERT that only lands on top of the event it was chained from (see
/// ``insert(_:announce:on:whileWaiting:)``), so positions are gapless and in commit order
/// across processes and the hashes equal the file store's. New events are announced with
/// `NOTIFY tafel_events`, at most once every 20 ms and at most 25 ms after their commit
/// (``AnnouncementSchedule``); a listener connection turns notifications (and, after a
/// reconnect, the head) into wake-ups for subscriptions.
package final class PostgresEventStore: EventStore {
    package var kind: String { "postgresql" }

    typealias Pending = PendingWrite

    struct State {
        var pending: [Pending] = []
        var draining = false
        var closed = false
        /// The writer waits for the server and wants to hear of new appends (``wakeUp``).
        var listening = false
        /// ``wakeUp`` was written to and not yet read.
        var signalled = false
    }

    static let channel = "tafel_events"

    /// The writer's session. Its insert is a prepared statement, and PostgreSQL keeps a
    /// generic plan for it that is chosen against the statistics of the moment. On a new,
    /// empty log that plan checks request ids with a sequential scan, and the connection
    /// would keep it while the log grows: every append would read the whole table. Every
    /// statement the writer runs has an index to use, so sequential scans are ruled out.
    static let writerSettings = ["SET enable_seqscan = off"]

    /// How long the writer keeps its thread awake for a lone appender: first polling for the
    /// result of a batch of one append, then watching the queue for that appender's next one.
    ///
    /// On the virtual machines this runs on, waking a thread that sleeps on the other
    /// processor took 20–40 µs, and a lone appender's cycle crossed such wake-ups for the
    /// server's reply and for the appender's next append: awake, the writer took a lone
    /// client's median append from 0.23–0.32 ms to 0.19–0.26 ms. Spinning costs processor
    /// time only while one append at a time is in flight, at most these bounds per append; a
    /// batch of several, or another appender's arrival, sends the writer back to sleeping in
    /// `poll`, where the processor is better left to those appenders.
    static let loneSpin = (result: UInt64(500_000), nextAppend: UInt64(100_000))

    let writer: ConfinedConnection
    let reader: ConfinedConnection
    let listener: PostgresListener
    let state = Mutex(State())
    /// Answers of a committed batch not yet handed out: resuming tens of callers took the
    /// writer long enough to leave the server idle, so they are handed out once the next
    /// batch is on its way (``commit(_:planned:)``), or when the queue is empty.
    let owed = Mutex<[(Pending, AppendPlanner.Answer)]>([])
    /// Touched only on the writer's queue; a mutex because it outlives single calls.
    let cache = Mutex(WriterCache())
    /// Touched only on the writer's queue, like ``cache``.
    let announcements = Mutex(AnnouncementSchedule())
    let waiters: HeadWaiters
    /// Whether the writer is stuck or the log went backwards (``writeRefusal()``).
    let writerHealth = Mutex(WriterHealth())
    let clock: @Sendable () -> Timestamp
    /// A pipe that tells the writer, while it waits for the server, that appends were queued
    /// (see ``PlannedAhead``); `nil` if the system gave no pipe, and then the writer does not
    /// decide ahead.
    let wakeUp: (read: Int32, write: Int32)?
    /// Where replaced connections, retries, resolved lost answers and a log that went
    /// backwards are reported.
    let logger: Logger

    init(conninfo: String, head: Int64, clock: @escaping @Sendable () -> Timestamp, logger: Logger) {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
            wakeUp = (ends[0], ends[1])
        } else {
            wakeUp = nil
        }
        writer = ConfinedConnection(
            label: "tafel.postgres.writer", conninfo: conninfo, settings: Self.writerSettings, name: "writer", logger: logger)
        reader = ConfinedConnection(label: "tafel.postgres.reader", conninfo: conninfo, name: "reader", logger: logger)
        waiters = HeadWaiters(head: head)
        listener = PostgresListener(conninfo: conninfo, channel: Self.channel, logger: logger)
        self.clock = clock
        self.logger = logger
    }

    /// Connects, applies pending migrations, and starts listening for other processes' events.
    /// - Parameter logger: where what the store recovers from by itself is reported (see the
    ///   operations log in ops/README.md).
    /// - Throws: ``EventStoreError`` naming the cause: unknown host, wrong password, missing
    ///   database or permissions.
    package static func open(
        conninfo: String, migrate: Bool = true,
        clock: @escaping @Sendable () -> Timestamp = FileEventStore.systemClock, logger: Logger = .standardError
    ) async throws -> PostgresEventStore {
        let probe = ConfinedConnection(label: "tafel.postgres.open", conninfo: conninfo)
        let migrations = migrate ? try PostgresMigrations.bundled() : []
        let head: Int64 = try await probe.run { connection in
            if migrate { _ = try PostgresMigrations.apply(migrations, on: connection) }
            return try tail(on: connection).position
        }
        probe.close()
        let store = PostgresEventStore(conninfo: conninfo, head: head, clock: clock, logger: logger)
        store.listener.start(
            PostgresListener.Observer(
                known: { [weak store] in store?.knownHead ?? 0 },
                observe: { [weak store] position, knownBefore in store?.observe(head: position, knownBefore: knownBefore) }))
        return store
    }

    /// Applies pending migrations and returns the versions applied (for `tafel migrate`).
    package static func migrate(conninfo: String) async throws -> [Int] {
        let connection = ConfinedConnection(label: "tafel.postgres.migrate", conninfo: conninfo)
        let migrations = try PostgresMigrations.bundled()
        defer { connection.close() }
        return try await connection.run { try PostgresMigrations.apply(migrations, on: $0) }
    }

    package func append(_ request: AppendRequest) async throws -> AppendResult {
        let prepared = PreparedAppend(request)
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(.append(prepared, continuation))
        }
    }

    package func importEnvelopes(_ envelopes: [EventEnvelope]) async throws -> LogHead {
        if envelopes.isEmpty { return try await head() }
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(.importBatch(envelopes, [], continuation))
        }
    }

    func enqueue(_ item: Pending) {
        enum Admission { case refused, queued, queuedFirst, queuedWhileListening }
        let admission: Admission = state.withLock { state in
            if state.closed { return .refused }
            state.pending.append(item)
            if state.draining {
                guard state.listening, !state.signalled else { return .queued }
                state.signalled = true
                return .queuedWhileListening
            }
            state.draining = true
            return .queuedFirst
        }
        // Woken outside the lock: waking the writer's thread takes a system call, and the
        // writer's first act is to take this lock.
        switch admission {
        case .refused: item.fail(with: EventStoreError(.closed, "the store is closed"))
        case .queued: break
        case .queuedFirst: writer.queue.async { self.drain() }
        case .queuedWhileListening:
            var byte: UInt8 = 1
            if let wakeUp { _ = write(wakeUp.write, &byte, 1) }
        }
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Runs on the writer's queue: one transaction for everything queued.
    /// What arrived while a batch was at the server goes first into the next one, decided
    /// ahead when it could be (``PlannedAhead``).
    ///
    /// After a batch of one append the writer waits a little for the same appender's next
    /// one before it gives its thread back (``loneSpin``).
    func drain() {
        var carried: PlannedAhead?
        var lone = false
        while true {
            if let ahead = carried, !ahead.items.isEmpty {
                lone = false
                carried = commit(ahead.items, planned: ahead.decided, sent: ahead.sent)
                continue
            }
            let batch: [Pending] = state.withLock { state in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty && !lone { state.draining = false }
                return batch
            }
            if batch.isEmpty {
                settleOwed()
                guard lone else { return }
                lone = false
                awaitArrival(for: Self.loneSpin.nextAppend)
                continue
            }
            lone = batch.count == 1
            carried = commit(batch)
        }
    }

    /// Spins until an append is queued or `nanoseconds` have passed. The writer still counts
    /// as draining meanwhile, so appenders queue without waking its thread.
    func awaitArrival(for nanoseconds: UInt64) {
        let deadline = DispatchTime.now().uptimeNanoseconds + nanoseconds
        while DispatchTime.now().uptimeNanoseconds < deadline {
            if state.withLock({ !$0.pending.isEmpty }) { return }
            sched_yield()
        }
    }

    deinit {
        if let wakeUp {
            Glibc.close(wakeUp.read)
            Glibc.close(wakeUp.write)
        }
    }

    package func close() async {
        state.withLock { $0.closed = true }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            writer.queue.async {
                self.announceTrailing(closing: true)
                continuation.resume()
            }
        }
        listener.stop()
        waiters.close()
        writer.close()
        reader.close()
    }
}
