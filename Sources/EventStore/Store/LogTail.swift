import Events

/// What a writer must know of the log's end to place the next event: the last position,
/// its hash (raw bytes) and its time, so that `recordedAt` never runs backwards.
package struct LogTail: Sendable, Equatable {
    package var position: Int64
    package var hash: [UInt8]
    package var recordedAt: Timestamp

    package init(position: Int64, hash: [UInt8], recordedAt: Timestamp) {
        self.position = position
        self.hash = hash
        self.recordedAt = recordedAt
    }

    package static let empty = LogTail(position: 0, hash: HashChain.genesis, recordedAt: Timestamp(millisecondsSinceEpoch: 0))

    package var head: LogHead { LogHead(position: position, hash: Hex.encode(hash)) }
}
