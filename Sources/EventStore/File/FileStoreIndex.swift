import Events

/// The in-memory indexes of a file store, rebuilt from the log on every open.
///
/// `offsets[p - 1]` is where the record at position `p` starts and `offsets[head]` where
/// the next one will; streams map to their positions by version; requests (principal and
/// `requestId`) map to the result they were first answered with and the digest of their
/// command, which makes retries idempotent across restarts.
struct FileStoreIndex: Sendable {
    var offsets: [Int64]
    var streams: [String: [Int64]] = [:]
    var requests: [RequestKey: AnsweredRequest] = [:]
    var tail: LogTail = .empty

    init(firstOffset: Int64) {
        offsets = [firstOffset]
    }

    var endOffset: Int64 { offsets[offsets.count - 1] }

    func streamVersion(_ stream: String) -> Int64 {
        Int64(streams[stream]?.count ?? 0)
    }

    /// Records envelopes that were written from ``endOffset`` on, with their frame sizes.
    mutating func add(_ envelope: EventEnvelope, frameSize: Int, hash: [UInt8]) {
        offsets.append(endOffset + Int64(frameSize))
        streams[envelope.stream, default: []].append(envelope.position)
        if let key = RequestKey(envelope) {
            requests[key] = AnsweredRequest.recording(envelope, into: requests[key])
        }
        tail = LogTail(position: envelope.position, hash: hash, recordedAt: max(tail.recordedAt, envelope.recordedAt))
    }
}
