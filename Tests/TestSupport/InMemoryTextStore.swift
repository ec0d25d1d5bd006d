import EventStore
import Events
import Synchronization

/// TEST DOUBLE: a real store (usually a `FileEventStore`) whose free texts are kept in this
/// process's memory, beside it, until both stores' own side stores land on this branch
/// (their `texts(_:)`/`allTexts` are placeholders that refuse). Appends and imports keep
/// their texts here once the inner store acknowledged them; an append's `erasing` removes
/// them. Not durable and not atomic with the log: only for tests of what sits above the
/// store (service, projections, RPC). The integrator switches these tests to the real
/// stores.
package final class InMemoryTextStore: EventStore {
    package let inner: any EventStore
    let kept = Mutex<[String: SealedText]>([:])

    package init(_ inner: any EventStore) {
        self.inner = inner
    }

    package var kind: String { inner.kind }

    package func append(_ request: AppendRequest) async throws -> AppendResult {
        let result = try await inner.append(request)
        kept.withLock { kept in
            for text in request.texts { kept[text.ref] = text }
            for ref in request.erasing { kept[ref] = nil }
        }
        return result
    }

    package func texts(_ refs: [String]) async throws -> [String: SealedText] {
        kept.withLock { kept in
            var found: [String: SealedText] = [:]
            for ref in refs { if let text = kept[ref] { found[ref] = text } }
            return found
        }
    }

    package func allTexts(after ref: String?, limit: Int) async throws -> [SealedText] {
        kept.withLock { kept in
            Array(kept.values.filter { ref == nil || $0.ref > ref! }.sorted { $0.ref < $1.ref }.prefix(limit))
        }
    }

    /// Whether the double still holds a text: what a test of erasure checks is gone.
    package func holds(_ ref: String) -> Bool { kept.withLock { $0[ref] != nil } }

    package func readStream(_ stream: String, from version: Int64, limit: Int) async throws -> [EventEnvelope] {
        try await inner.readStream(stream, from: version, limit: limit)
    }

    package func read(from position: Int64, limit: Int) async throws -> [EventEnvelope] {
        try await inner.read(from: position, limit: limit)
    }

    package func streamVersion(_ stream: String) async throws -> Int64 {
        try await inner.streamVersion(stream)
    }

    package func head() async throws -> LogHead {
        try await inner.head()
    }

    package func waitForEvents(after position: Int64) async throws {
        try await inner.waitForEvents(after: position)
    }

    package func importEnvelopes(_ envelopes: [EventEnvelope]) async throws -> LogHead {
        try await inner.importEnvelopes(envelopes)
    }

    package func importEnvelopes(_ envelopes: [EventEnvelope], texts: [SealedText]) async throws -> LogHead {
        let head = try await inner.importEnvelopes(envelopes)
        kept.withLock { kept in
            for text in texts { kept[text.ref] = text }
        }
        return head
    }

    package func close() async {
        await inner.close()
    }
}
