import EventStore

/// A failure below the domain (the store could not be read or written), in terms a client
/// can act on: whether retrying the same request (same `requestId`) may succeed.
public struct ServiceFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var retryable: Bool

    public var description: String { message }

    /// Classifies an error thrown by ``CoordinationService``; `nil` for anything that is not
    /// a store failure.
    public static func classify(_ error: any Error) -> ServiceFailure? {
        guard let error = error as? EventStoreError else { return nil }
        let retryable = [.retryable, .unavailable, .io, .conflict].contains(error.code)
        return ServiceFailure(message: error.message, retryable: retryable)
    }
}
