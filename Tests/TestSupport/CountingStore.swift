import EventStore
import Events
import Synchronization

/// A store that forwards to a real one and counts the work asked of it — head reads, log
/// reads, events read — and can be told to fail one kind of call, for tests that measure
/// what a request costs in store round trips or how a failure is answered.
public final class CountingStore: EventStore {
    /// The calls a test can make fail.
    public enum Operation: Sendable, Equatable {
        case append, read, head, waitForEvents
    }

    /// What was asked so far (failed calls included).
    public struct Counts: Sendable, Equatable {
        public var heads = 0
        public var reads = 0
        public var eventsRead = 0
        public var appends = 0

        public init() {}
    }

    public let inner: any EventStore
    let state = Mutex<(counts: Counts, failing: [(Operation, any Error)])>((Counts(), []))

    public init(_ inner: any EventStore) {
        self.inner = inner
    }

    public var kind: String { inner.kind }

    public var counts: Counts { state.withLock { $0.counts } }

    public func resetCounts() {
        state.withLock { $0.counts = Counts() }
    }

    /// Makes every later `operation` throw `error` (until ``heal()``).
    public func fail(_ operation: Operation, with error: any Error) {
        state.withLock { $0.failing.append((operation, error)) }
    }

    public func heal() {
        state.withLock { $0.failing = [] }
    }

    func check(_ operation: Operation) throws {
        if let error = state.withLock({ $0.failing.first { $0.0 == operation }?.1 }) { throw error }
    }

    public func append(_ request: AppendRequest) async throws -> AppendResult {
        state.withLock { $0.counts.appends += 1 }
        try check(.append)
        return try await inner.append(request)
    }

    public func readStream(_ stream: String, from version: Int64, limit: Int) async throws -> [EventEnvelope] {
        try await inner.readStream(stream, from: version, limit: limit)
    }

    public func read(from position: Int64, limit: Int) async throws -> [EventEnvelope] {
        state.withLock { $0.counts.reads += 1 }
        try check(.read)
        let page = try await inner.read(from: position, limit: limit)
        state.withLock { $0.counts.eventsRead += page.count }
        return page
    }

    public func streamVersion(_ stream: String) async throws -> Int64 {
        try await inner.streamVersion(stream)
    }

    public func head() async throws -> LogHead {
        state.withLock { $0.counts.heads += 1 }
        try check(.head)
        return try await inner.head()
    }

    public func waitForEvents(after position: Int64) async throws {
        try check(.waitForEvents)
        try await inner.waitForEvents(after: position)
    }

    public func importEnvelopes(_ envelopes: [EventEnvelope]) async throws -> LogHead {
        try await inner.importEnvelopes(envelopes)
    }

    public func close() async {
        await inner.close()
    }
}
