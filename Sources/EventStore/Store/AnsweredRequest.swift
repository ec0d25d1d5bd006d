import Events

/// What a store remembers of a request it appended: the result a retry gets back, and the
/// salted digest of the command it was appended for, which tells a retry from a reuse of
/// the id for another command.
package struct AnsweredRequest: Sendable, Equatable {
    package var result: AppendResult
    /// The ``Events/RequestDigest`` of the first append and its salt (that event's id);
    /// `nil` for requests logged without one, which are answered as before.
    package var digest: (value: String, salt: String)?

    package init(result: AppendResult, digest: (value: String, salt: String)? = nil) {
        self.result = result
        self.digest = digest
    }

    /// The first answer of an envelope's request, or that answer extended by the envelope.
    package static func recording(_ envelope: EventEnvelope, into earlier: AnsweredRequest?) -> AnsweredRequest {
        var answered = earlier ?? AnsweredRequest(result: AppendResult(stream: envelope.stream, version: 0, positions: []))
        answered.result.version = envelope.version
        answered.result.positions.append(envelope.position)
        if answered.digest == nil, let value = envelope.requestDigest {
            answered.digest = (value, envelope.eventId)
        }
        return answered
    }

    /// Whether an append with `fingerprint` is a retry of this request. Without a digest on
    /// either side (an older log, a caller that sends none) it is taken as one.
    package func isRetry(fingerprint: [UInt8]?) -> Bool {
        guard let fingerprint, let digest else { return true }
        return RequestDigest.matches(digest.value, salt: digest.salt, fingerprint: fingerprint)
    }

    package static func == (lhs: AnsweredRequest, rhs: AnsweredRequest) -> Bool {
        lhs.result == rhs.result && lhs.digest?.value == rhs.digest?.value && lhs.digest?.salt == rhs.digest?.salt
    }
}
