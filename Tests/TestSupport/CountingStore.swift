import EventStore
import Events
import Synchronization

/// A store that forwards to a real one and counts the work asked of it — head reads, log
/// reads, events read — and can be told to fail one kind of call, for tests that measure
/// what a request costs in store round trips or how a failure is answered.
package final class CountingStore: EventStore {
    /// The calls a test can make fail.
    package enum Operation: Sendable, Equatable {
        case append, read, head, waitForEvents
    }

    /// What was asked so far (failed calls included).
    package struct Counts: Sendable, Equatable {
        package var heads = 0
        package var reads = 0
        package var eventsRead = 0
        package var appends = 0

        package init() {}
    }

    package let inner: any EventStore
    let state = Mutex<(counts: Counts, failing: [(Operation, any Error)])>((Counts(), []))

    package init(_ inner: any EventStore) {
        self.inner = inner
    }

    package func texts(_ refs: [String]) async throws -> [String: SealedText] {
        try await inner.texts(refs)
    }

    package func allTexts(after ref: String?, limit: Int) async throws -> [SealedText] {
        try await inner.allTexts(after: ref, limit: limit)
    }

    package var kind: String { inner.kind }

    package var counts: Counts { state.withLock { $0.counts } }

    package func resetCounts() {
        state.withLock { $0.counts = Counts() }
    }

    /// Makes every later `operation` throw `error` (until ``heal()``).
    package func fail(_ operation: Operation, with error: any Error) {
        state.withLock { $0.failing.append((operation, error)) }
    }

    package func heal() {
        state.withLock { $0.failing = [] }
    }

    func check(_ operation: Operation) throws {
        if let error = state.withLock({ $0.failing.first { $0.0 == operation }?.1 }) { throw error }
    }

    package func append(_ request: AppendRequest) async throws -> AppendResult {
        state.withLock { $0.counts.appends += 1 }
        try check(.append)
        return try await inner.append(request)
    }

    package func readStream(_ stream: String, from version: Int64, limit: Int) async throws -> [EventEnvelope] {
        try await inner.readStream(stream, from: version, limit: limit)
    }

    package func read(from position: Int64, limit: Int) async throws -> [EventEnvelope] {
        state.withLock { $0.counts.reads += 1 }
        try check(.read)
        let page = try await inner.read(from: position, limit: limit)
        state.withLock { $0.counts.eventsRead += page.count }
        return page
    }

    package func streamVersion(_ stream: String) async throws -> Int64 {
        try await inner.streamVersion(stream)
    }

    package func head() async throws -> LogHead {
        state.withLock { $0.counts.heads += 1 }
        try check(.head)
        return try await inner.head()
    }

    package func waitForEvents(after position: Int64) async throws {
        try check(.waitForEvents)
        try await inner.waitForEvents(after: position)
    }

    package func importEnvelopes(_ envelopes: [EventEnvelope], texts: [SealedText]) async throws -> LogHead {
        try await inner.importEnvelopes(envelopes, texts: texts)
    }

    package func importEnvelopes(_ envelopes: [EventEnvelope]) async throws -> LogHead {
        try await inner.importEnvelopes(envelopes)
    }

    package func close() async {
        await inner.close()
    }
}
