import EventStore
import Events

/// A failure below the domain (the store could not be read or written, or a bug), in the
/// terms of contract v2 a client can act on, with the cause kept apart for the log.
///
/// The reply names only the ``Kind`` and the ``errorId``; the cause — which may hold a file
/// path or a libpq message (never a statement: see ``PostgresError``) — goes to the
/// ``Logger`` under that id.
package struct ServiceFailure: Error, Sendable, CustomStringConvertible {
    /// What the client may do next (`data.kind` of the -32603 reply).
    package struct Kind: Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String

        init(_ rawValue: String) { self.rawValue = rawValue }

        /// Nothing was written; the same request may be sent again.
        package static let unavailable = Kind("unavailable")
        /// The command may have been written; retry only with the same `requestId`.
        package static let outcomeUnknown = Kind("outcome_unknown")
        /// A fault of the server itself; the log holds the cause under the error id.
        package static let `internal` = Kind("internal")

        package var description: String { rawValue }
    }

    package var kind: Kind
    /// The id the reply carries and the log line holds.
    package var errorId: String
    /// What went wrong, for the log only.
    package var cause: String

    package var description: String { "\(kind) [\(errorId)]: \(cause)" }

    /// The reply's message: fixed text per kind, never the cause.
    package var message: String {
        switch kind {
        case .unavailable: return "The store is unavailable; nothing was written, and the request may be sent again"
        case .outcomeUnknown: return "The outcome is unknown; the command may have been written: retry only with the same requestId"
        default: return "Internal error \(errorId); the server log holds the cause"
        }
    }

    /// Store failures that are refused before anything is written: an append that fails
    /// with one of them wrote nothing.
    static let refusedBeforeWriting: Set<EventStoreError.Code> = [.unavailable, .retryable, .closed, .locked, .conflict]
    /// Store failures that say the store itself is unusable right now (rather than a bug).
    static let storeDown: Set<EventStoreError.Code> = refusedBeforeWriting.union([.io])
    /// The PostgreSQL store's "the connection broke after COMMIT was sent" (named by its raw
    /// value so this file does not depend on when the constant lands).
    static let outcomeUnknownCode = EventStoreError.Code("outcome_unknown")

    /// Classifies an error thrown by ``CoordinationService`` that is not a ``DomainError``.
    /// - Parameter writing: whether the call was a command; a query never writes, so every
    ///   store failure there is safe to retry.
    package static func classify(_ error: any Error, writing: Bool) -> ServiceFailure {
        let errorId = EventId.random()
        guard let error = error as? EventStoreError else {
            return ServiceFailure(kind: .internal, errorId: errorId, cause: "\(error)")
        }
        let kind: Kind
        if error.code == outcomeUnknownCode {
            kind = writing ? .outcomeUnknown : .unavailable
        } else if writing {
            kind = refusedBeforeWriting.contains(error.code) ? .unavailable : error.code == .io ? .outcomeUnknown : .internal
        } else {
            kind = storeDown.contains(error.code) ? .unavailable : .internal
        }
        return ServiceFailure(kind: kind, errorId: errorId, cause: error.description)
    }
}
