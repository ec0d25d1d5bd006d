import Events

/// Every way a store can refuse or fail, with the context an operator or a client needs.
///
/// A struct with an extensible ``Code`` rather than an enum, so that new failure kinds do
/// not break callers that switch on the ones they handle.
package struct EventStoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String

        package init(_ rawValue: String) { self.rawValue = rawValue }

        /// The stream's version is not what the writer expected.
        package static let conflict = Code("conflict")
        /// A record in the middle of the log is damaged; the store refuses to open.
        package static let damaged = Code("damaged")
        /// Another process holds the store.
        package static let locked = Code("locked")
        /// Reading or writing failed (disk full, permissions, a failed flush).
        package static let io = Code("io")
        /// The request is malformed (empty stream, no events, oversize ids).
        package static let invalidRequest = Code("invalid_request")
        /// An imported envelope does not continue the chain.
        package static let chainMismatch = Code("chain_mismatch")
        /// The store has been closed.
        package static let closed = Code("closed")
        /// No store at the location, or it cannot be reached (missing directory, database down).
        package static let unavailable = Code("unavailable")
        /// The database refused for a reason worth retrying (restart, serialization failure).
        package static let retryable = Code("retryable")
        /// The principal already used this `requestId` for an append of another command.
        package static let requestIdReused = Code("request_id_reused")
        /// A write may or may not have reached the log (a failed flush): retry only with the same requestId.
        package static let outcomeUnknown = Code("outcome_unknown")

        package var description: String { rawValue }
    }

    package var code: Code
    package var message: String
    /// For ``Code/conflict``: what the writer expected.
    package var expected: ExpectedVersion?
    /// For ``Code/conflict``: the stream's actual version.
    package var actual: Int64?
    /// For ``Code/conflict``: the stream whose version did not hold (the appended one or a condition).
    package var stream: String?
    /// For ``Code/damaged`` and ``Code/chainMismatch``: the first bad position.
    package var position: Int64?

    package init(
        _ code: Code, _ message: String, expected: ExpectedVersion? = nil, actual: Int64? = nil, position: Int64? = nil
    ) {
        self.code = code
        self.message = message
        self.expected = expected
        self.actual = actual
        self.position = position
    }

    package var description: String { "\(code): \(message)" }

    /// The conflict of a stream at `actual` where the writer expected `expected`.
    package static func conflict(stream: String, expected: ExpectedVersion, actual: Int64) -> EventStoreError {
        var error = EventStoreError(
            .conflict, "stream \(stream) is at version \(actual), expected \(expected)", expected: expected,
            actual: actual)
        error.stream = stream
        return error
    }
}

extension EventStoreError {
    /// The refusal of an append whose `requestId` its principal already used for another command.
    package static func requestIdReused(_ key: RequestKey) -> EventStoreError {
        EventStoreError(.requestIdReused, "requestId \(key.requestId) was already used for another command")
    }

    /// `error` itself when it is a store error, else an `io` error describing it.
    package static func from(_ error: any Error) -> EventStoreError {
        error as? EventStoreError ?? EventStoreError(.io, "\(error)")
    }
}
