import Events

/// A write waiting for a store's single writer: an append or an imported run of envelopes
/// (with the free texts they refer to), with the continuation its caller awaits. Both stores queue these and group them into one
/// flush or transaction.
enum PendingWrite {
    case append(PreparedAppend, CheckedContinuation<AppendResult, Error>)
    case importBatch([EventEnvelope], [SealedText], CheckedContinuation<LogHead, Error>)

    /// Resumes the caller with `error`.
    func fail(with error: EventStoreError) {
        switch self {
        case let .append(_, continuation): continuation.resume(throwing: error)
        case let .importBatch(_, _, continuation): continuation.resume(throwing: error)
        }
    }

    /// Resumes the caller with what the batch decided for it.
    func resume(with answer: AppendPlanner.Answer) {
        switch (self, answer) {
        case let (.append(_, continuation), .appended(result)): continuation.resume(with: result.mapError { $0 })
        case let (.importBatch(_, _, continuation), .imported(result)): continuation.resume(with: result.mapError { $0 })
        case (.append, .imported), (.importBatch, .appended):
            fail(with: EventStoreError(.io, "internal: the answer does not match the request"))
        }
    }

    /// Every stream (written or a condition) and request key the writes of `batch` touch, in order, with repeats.
    static func keys(of batch: [PendingWrite]) -> (streams: [String], requests: [RequestKey]) {
        var streams: [String] = []
        var requests: [RequestKey] = []
        for item in batch {
            switch item {
            case let .append(prepared, _):
                streams.append(prepared.request.stream)
                // Conditions are checked against these streams' versions too.
                streams += prepared.request.conditions.keys
                if let key = prepared.request.requestKey { requests.append(key) }
            case let .importBatch(envelopes, _, _):
                for envelope in envelopes {
                    streams.append(envelope.stream)
                    if let key = RequestKey(envelope) { requests.append(key) }
                }
            }
        }
        return (streams, requests)
    }
}
