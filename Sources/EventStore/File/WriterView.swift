import Events

/// What the file store's writer knows beyond the flushed index: the tail and file end
/// after the batches it has written but the syncer has not yet flushed, and the stream
/// versions and request answers those batches made. Without it the writer could not
/// decide the next batch while the previous one is still being flushed.
struct WriterView: Sendable {
    var tail: LogTail
    var endOffset: Int64
    /// Where the zeroed blocks given to the file in advance end; writes below it do not
    /// grow the file. See ``FileEventStore/reserveAhead(writingThrough:)``.
    var reservedEnd: Int64
    /// The stretch the reserver is zeroing now; the writer writes nothing into it.
    var zeroing: Range<Int64>?
    /// After the file system refused a stretch (a full disk), the offset the log must pass
    /// before the next try, so that a full disk costs one try per stretch, not per batch.
    var retryReservingAt: Int64 = 0
    var versions: [String: Int64] = [:]
    var answered: [RequestKey: AnsweredRequest] = [:]

    /// Forgets what `batch` added once the index holds it (unless a later batch changed it again).
    mutating func forget(_ batch: WrittenBatch) {
        for envelope in batch.envelopes {
            if let version = versions[envelope.stream], version <= envelope.version {
                versions[envelope.stream] = nil
            }
            if let key = RequestKey(envelope), let answer = answered[key],
                answer.result.positions.last.map({ $0 <= envelope.position }) ?? true
            {
                answered[key] = nil
            }
        }
    }
}

/// A batch the writer has put in the file and the syncer has yet to flush and acknowledge.
struct WrittenBatch: Sendable {
    var envelopes: [EventEnvelope]
    var frameSizes: [Int]
    var hashes: [[UInt8]]
    var replies: [FileEventStore.Reply]
    /// The texts the batch's writes add and erase, already flushed in the texts file.
    var textChanges: [TextChange] = []
}
