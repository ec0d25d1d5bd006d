import Dispatch
import Events
import Glibc
import Synchronization

/// The embedded store: one data directory, an append-only log of framed records, an
/// exclusive lock, and group commit — the default that runs with nothing installed.
///
/// Group commit in two stages, each on its own serial dispatch queue (never on the
/// cooperative pool): the *writer* takes every queued append, decides it against the tail
/// (including written but not yet flushed batches), and writes the batch with one
/// `pwrite`; the *syncer* flushes everything written so far with one `fdatasync` and only
/// then publishes those events to readers and acknowledges them. So the next batch is
/// decided and written while the previous one is being flushed. See FileStore.md in
/// EventStore.docc.
package final class FileEventStore: EventStore {
    package var kind: String { "file" }

    /// What opening found: how many events, and how many bytes of a torn tail were cut.
    package struct Recovery: Sendable {
        package var events: Int64
        package var truncatedBytes: Int64
        package var truncatedReason: String?
        /// Bytes of a torn last write cut from the texts file.
        package var textsTruncatedBytes: Int64 = 0
        /// Texts and erase intents dropped because their events never landed in the log.
        package var droppedTexts = 0
        /// Erase intents whose events are in the log, carried out on open.
        package var appliedErasures = 0
    }

    typealias Pending = QueuedWrite

    /// The hand-over between appenders, the writer and the syncer. Kept apart from the
    /// index so that appenders queueing never wait for readers or the syncer publishing.
    struct State {
        var pending: [Pending] = []
        var draining = false
        /// Written, not yet flushed, in log order.
        var written: [WrittenBatch] = []
        var syncing = false
        /// Set after a failed flush (or a write that could not be cut back): what is on disk
        /// is unknown, so nothing more is written until the store is reopened.
        var failure: EventStoreError?
        var closed = false
    }

    package let directory: String
    package let recovery: Recovery
    let log: POSIXFile
    /// The free texts beside the log (``TextsFile``), flushed before the events that refer to them.
    let texts: TextsFile
    /// The live texts of flushed events, by reference: what ``texts(_:)`` and ``allTexts(after:limit:)`` read.
    let live: Mutex<[String: SealedText]>
    let lock: DirectoryLock
    let state: Mutex<State>
    /// Flushed events only: what readers see.
    let index: Mutex<FileStoreIndex>
    let waiters: HeadWaiters
    let writer = DispatchQueue(label: "tafel.file-store.writer", qos: .userInitiated)
    let syncer = DispatchQueue(label: "tafel.file-store.syncer", qos: .userInitiated)
    /// Zeroes the file's next stretch ahead of the log (``reserveAhead(writingThrough:)``).
    let reserver = DispatchQueue(label: "tafel.file-store.reserver", qos: .utility)
    /// The writer's view of the tail, ahead of the index by the unflushed batches; touched
    /// by the writer queue, and by the syncer only to forget what the index now holds.
    let ahead: Mutex<WriterView>
    let clock: @Sendable () -> Timestamp
    /// How much the reserver zeroes at a time ahead of the log.
    let reserveChunk: Int64
    /// Where the store reports what it recovered from and what stopped it.
    let logger: Logger
    /// Failures a test asked for (``failNextFlush()``, ``failNextWrite(keeping:)``).
    let faults = Mutex(InjectedFaults())

    /// Why the store refuses every write until it is reopened, or `nil` while it accepts them.
    ///
    /// Set when a flush failed: the kernel may have dropped the written pages or may still
    /// write them, so what is in the log is unknown, and a second flush could report success
    /// for pages it lost (PostgreSQL stops for the same reason). Callers of the writes in
    /// flight were told ``EventStoreError/Code/outcomeUnknown``; later writes fail with
    /// ``EventStoreError/Code/unavailable`` and write nothing. Reads go on. A health check
    /// reports the store as not accepting writes while this is not `nil`.
    package func writeRefusal() async -> EventStoreError? {
        state.withLock { $0.failure }
    }

    init(directory: String, log: POSIXFile, texts: TextsFile.Opened, lock: DirectoryLock, index: FileStoreIndex,
        recovery: Recovery, clock: @escaping @Sendable () -> Timestamp, reserveChunk: Int64, logger: Logger)
    {
        self.reserveChunk = reserveChunk
        self.logger = logger
        self.directory = directory
        self.log = log
        self.texts = texts.file
        self.live = Mutex(texts.live)
        self.lock = lock
        self.recovery = recovery
        self.clock = clock
        self.state = Mutex(State())
        self.index = Mutex(index)
        self.waiters = HeadWaiters(head: index.tail.position)
        let size = (try? log.size) ?? index.endOffset
        self.ahead = Mutex(WriterView(tail: index.tail, endOffset: index.endOffset, reservedEnd: max(size, index.endOffset)))
    }

    /// The wall clock in milliseconds.
    package static let systemClock: @Sendable () -> Timestamp = { Timestamp.now() }

    package func append(_ request: AppendRequest) async throws -> AppendResult {
        // The costly encoding happens here, on the caller's task, not on the single writer.
        let prepared = PreparedAppend(request)
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(QueuedWrite(write: .append(prepared, continuation)))
        }
    }

    package func importEnvelopes(_ envelopes: [EventEnvelope]) async throws -> LogHead {
        if envelopes.isEmpty { return try await head() }
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(QueuedWrite(write: .importBatch(envelopes, [], continuation)))
        }
    }

    func enqueue(_ item: Pending) {
        enum Admission { case refused(EventStoreError), queued, queuedFirst }
        let admission: Admission = state.withLock { state in
            if state.closed { return .refused(EventStoreError(.closed, "the store \(directory) is closed")) }
            if let failure = state.failure { return .refused(failure) }
            state.pending.append(item)
            if state.draining { return .queued }
            state.draining = true
            return .queuedFirst
        }
        switch admission {
        case let .refused(error): item.fail(with: error)
        case .queued: break
        // Started outside the lock: waking the writer's thread takes a system call, and the
        // writer's first act is to take this lock.
        case .queuedFirst: writer.async { self.drain() }
        }
    }
}
