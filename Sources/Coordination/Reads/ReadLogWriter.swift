import EventStore
import Events
import Synchronization

/// Hands read records to the ``ReadLog`` in batches from a background task (group commit),
/// so that a query never waits for a disk flush or a database round trip.
///
/// A record is buffered by ``submit(_:)``, which never blocks; ``run()`` writes the buffer
/// every ``interval`` (100 ms), so a record is durable about 0.1 s after its answer, well
/// within the second the contract allows. What a crash loses is that buffer: the reads of
/// the last ~0.1 s. That was chosen over a write per query because reading is the hot path
/// (a flush per `dossier.get` would multiply its latency), and a read changes nothing that
/// the log of record would have to prove. The buffer is bounded (``capacity``): when the log
/// cannot keep up, new records are dropped, counted (``dropped``, on `/metrics`) and logged,
/// instead of holding readers up or growing without bound.
package final class ReadLogWriter: Sendable {
    package let log: any ReadLog
    package let capacity: Int
    package let interval: Duration
    let logger: Logger

    struct State {
        var buffer: [ReadRecord] = []
        var dropped: UInt64 = 0
        /// Dropped since the last log line about it.
        var unreported: UInt64 = 0
    }

    let state = Mutex(State())
    /// One batch at a time, so that records reach the log in the order they were submitted.
    let writing = AsyncGate()

    package static let defaultCapacity = 65_536

    package init(log: any ReadLog, capacity: Int = defaultCapacity, interval: Duration = .milliseconds(100), logger: Logger = .standardError) {
        self.log = log
        self.capacity = max(capacity, 1)
        self.interval = interval
        self.logger = logger
    }

    /// Buffers `record` for the next batch; drops it (and counts it) when the buffer is full.
    package func submit(_ record: ReadRecord) {
        state.withLock { state in
            if state.buffer.count < capacity {
                state.buffer.append(record)
            } else {
                state.dropped += 1
                state.unreported += 1
            }
        }
    }

    /// Records dropped because the buffer was full or the log refused them.
    package var dropped: UInt64 { state.withLock { $0.dropped } }

    /// Writes the buffer every ``interval`` until the task is cancelled, then once more.
    package func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await flush()
        }
        await flush()
    }

    /// Writes what is buffered now and returns when it is in the log (or counted as lost).
    /// `audit.reads` calls it first, so that this process's reads answered before are listed.
    package func flush() async {
        await writing.enter()
        defer { writing.leave() }
        let (batch, unreported) = state.withLock { state in
            defer {
                state.buffer.removeAll(keepingCapacity: true)
                state.unreported = 0
            }
            return (state.buffer, state.unreported)
        }
        if unreported > 0 {
            logger.log(.warning, "read_log_dropped", [("records", .int(Int64(unreported))), ("reason", .string("buffer full"))])
        }
        guard !batch.isEmpty else { return }
        do {
            _ = try await log.append(batch)
        } catch {
            // Kept for the next batch as far as the buffer has room: a store that is away
            // for a moment loses nothing, one that stays away does not take the memory.
            let lost = state.withLock { state in
                let room = max(capacity - state.buffer.count, 0)
                state.buffer.insert(contentsOf: batch.prefix(room), at: 0)
                let lost = UInt64(batch.count - min(room, batch.count))
                state.dropped += lost
                return lost
            }
            logger.log(.error, "read_log_write_failed", [("records", .int(Int64(batch.count))), ("dropped", .int(Int64(lost))), ("cause", .string("\(error)"))])
        }
    }
}

/// A lock for async code: one holder at a time, the others wait in order.
final class AsyncGate: Sendable {
    struct State {
        var held = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let state = Mutex(State())

    func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state in
                if state.held {
                    state.waiting.append(continuation)
                    return false
                }
                state.held = true
                return true
            }
            if granted { continuation.resume() }
        }
    }

    func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.held = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
