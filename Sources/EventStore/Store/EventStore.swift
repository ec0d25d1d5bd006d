import Events

/// The one log every action is appended to, and the only place that writes.
///
/// Two implementations keep identical behaviour, checked by one conformance suite: the
/// embedded ``FileEventStore`` (the default) and the PostgreSQL store. An append is
/// acknowledged only once it is durable; concurrent appends share one flush.
///
/// ```swift
/// let store = try FileEventStore.open(directory: "./tafel-data")
/// let result = try await store.append(AppendRequest(
///     stream: "dossier-d1", expectedVersion: .noStream, events: [ProposedEvent(raised)], actor: actor))
/// for try await envelope in store.subscribe(from: 1) { … }
/// ```
package protocol EventStore: AnyObject, Sendable {
    /// `file` or `postgresql`, for health reports and logs.
    var kind: String { get }

    /// Appends all events of `request` to its stream atomically, or none.
    /// - Returns: the stream's new version and the events' global positions; for a
    ///   `requestId` the same principal (the request's actor) sent before, the first result,
    ///   and nothing is appended.
    /// - Throws: ``EventStoreError`` — `conflict` when the expected version does not hold;
    ///   `request_id_reused` when that earlier request carried another fingerprint.
    func append(_ request: AppendRequest) async throws -> AppendResult

    /// Events of one stream with `version >= from`, in order, at most `limit`.
    func readStream(_ stream: String, from version: Int64, limit: Int) async throws -> [EventEnvelope]

    /// Events of the whole log with `position >= from`, in order, at most `limit`.
    func read(from position: Int64, limit: Int) async throws -> [EventEnvelope]

    /// The current stream version (0 when the stream does not exist).
    func streamVersion(_ stream: String) async throws -> Int64

    /// The last acknowledged event.
    func head() async throws -> LogHead

    /// Returns once the head is beyond `position` (at once if it already is); the live part
    /// of ``subscribe(from:pageSize:)``. Cancellation ends the wait.
    func waitForEvents(after position: Int64) async throws

    /// Appends envelopes exactly as given (positions, versions, ids, times and hashes),
    /// for moving a log between stores. Each must continue the chain and its stream.
    /// - Throws: ``EventStoreError/Code/chainMismatch`` naming the first envelope that does not.
    func importEnvelopes(_ envelopes: [EventEnvelope]) async throws -> LogHead

    /// ``importEnvelopes(_:)`` with the free texts the envelopes refer to, written beside the
    /// log in the same atomic step (a text whose digest does not match is refused).
    func importEnvelopes(_ envelopes: [EventEnvelope], texts: [SealedText]) async throws -> LogHead

    /// The live texts (kept beside the log, see ``AppendRequest/texts``) among `refs`, by
    /// reference; an erased or unknown reference is absent.
    func texts(_ refs: [String]) async throws -> [String: SealedText]

    /// Every live text with a reference after `ref` (all when `nil`), in reference order, at
    /// most `limit`: for `export --texts`, `verify --texts` and a resident's access request.
    func allTexts(after ref: String?, limit: Int) async throws -> [SealedText]

    /// Finishes pending appends and releases the store (lock, files, connections).
    func close() async

    /// Why the store would refuse an append right now even though it can be read (the log
    /// went backwards, the writer is stuck), or `nil`; `/health` is not `ok` while it is set.
    func writeRefusal() async -> EventStoreError?
}

extension EventStore {
    /// A store whose writer cannot get stuck apart from its reads has nothing to add.
    package func writeRefusal() async -> EventStoreError? { nil }
}

extension EventStore {
    /// All events from `position` on: first the ones already in the log (catch-up), then
    /// each new one as it is acknowledged (live), in log order without gaps or repeats.
    /// The sequence ends when the consuming task is cancelled or the store fails.
    package func subscribe(from position: Int64 = 1, pageSize: Int = 1000) -> AsyncThrowingStream<EventEnvelope, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var next = max(position, 1)
                do {
                    while !Task.isCancelled {
                        let page = try await read(from: next, limit: pageSize)
                        for envelope in page { continuation.yield(envelope) }
                        if let last = page.last {
                            next = last.position + 1
                        } else {
                            try await waitForEvents(after: next - 1)
                        }
                    }
                    continuation.finish()
                } catch is CancellationError {
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Every event in the log, in pages; for verification and export.
    package func readAll(from position: Int64 = 1, pageSize: Int = 5000, _ body: ([EventEnvelope]) async throws -> Void)
        async throws
    {
        var next = max(position, 1)
        while true {
            // A whole-log read can be long (a first `audit.verify`): it ends with the task that
            // asked, e.g. a handler that ran out of time, instead of reading on for nobody.
            try Task.checkCancellation()
            let page = try await read(from: next, limit: pageSize)
            guard let last = page.last else { return }
            try await body(page)
            next = last.position + 1
        }
    }
}
