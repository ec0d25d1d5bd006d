import Events

/// What makes a `requestId` unique: the principal that sent it and the id.
///
/// Request ids are chosen by clients and often predictable (`wonen-2026-12-04-1`); keyed
/// by the id alone, one principal could take another's id first and have that principal's
/// command answered with its own result while nothing was written.
package struct RequestKey: Hashable, Sendable, CustomStringConvertible {
    package var principalId: String
    package var requestId: String

    package init(principalId: String, requestId: String) {
        self.principalId = principalId
        self.requestId = requestId
    }

    /// The key of the request an envelope was appended for, or `nil` without a `requestId`.
    package init?(_ envelope: EventEnvelope) {
        guard let requestId = envelope.requestId else { return nil }
        self.init(principalId: envelope.actor.principalId, requestId: requestId)
    }

    package var description: String { "\(principalId)/\(requestId)" }
}
