import Events

/// The frame around each batch the writer puts in the log with one `pwrite` (log format v2):
/// `magic` (4 bytes) ‖ `bodyLength` (UInt64 LE) ‖ `durableEnd` (UInt64 LE) ‖ `recordsCRC`
/// (UInt32 LE) ‖ `headerCRC` (UInt32 LE), then `bodyLength` bytes of ``RecordFrame``s.
///
/// Why: the pages of one `pwrite` into preallocated blocks reach the disk in any order, so a
/// power cut can leave the last, never-acknowledged batch with a hole in its middle and
/// intact pages after it. With records alone that looked like damage before valid records,
/// and the store refused to open. With the frame a batch counts only when all of it is
/// there: `recordsCRC` is the CRC-32C of the batch's record headers, each of which holds
/// the length and the CRC-32C of its own payload, so it covers every byte of the batch.
/// `durableEnd` is where the flushed log ended when the batch was written: a later batch
/// whose `durableEnd` lies beyond a bad batch's start proves that batch was flushed, so it
/// was acknowledged and its damage refuses the open; batches written while it was still in
/// flight do not, and it is cut with them.
///
/// The magic's last byte is 0xFF, which no record frame's length field has (a record is at
/// most ``RecordFrame/maximumPayload`` long), so a reader at a frame boundary always tells
/// the two apart; version 1 logs hold records only.
enum BatchFrame {
    static let magic: [UInt8] = [0xFE, 0x54, 0x42, 0xFF]
    static let headerSize = 28

    struct Header {
        var bodyLength: UInt64
        var durableEnd: UInt64
        var recordsCRC: UInt32
    }

    /// Reserves the header of a batch at the end of `out`; ``seal(_:at:durableEnd:recordHeaders:)``
    /// fills it in once the records follow.
    static func open(_ out: inout [UInt8]) -> Int {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: headerSize))
        return start
    }

    /// Writes the header of the batch that starts at `start` of `out` and runs to its end.
    /// - Parameter recordHeaders: the first ``RecordFrame/headerSize`` bytes of each record, in order.
    static func seal(_ out: inout [UInt8], at start: Int, durableEnd: Int64, recordHeaders: [UInt8]) {
        var header = magic
        appendLittleEndian(UInt64(out.count - start - headerSize), to: &header)
        appendLittleEndian(UInt64(durableEnd), to: &header)
        RecordFrame.appendLittleEndian(CRC32C.checksum(recordHeaders), to: &header)
        RecordFrame.appendLittleEndian(CRC32C.checksum(header), to: &header)
        out.replaceSubrange(start..<start + headerSize, with: header)
    }

    /// Whether a batch header starts at `offset` (only its magic is looked at).
    static func starts(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        bytes.count - offset >= magic.count && bytes[offset] == magic[0] && bytes[offset + 1] == magic[1]
            && bytes[offset + 2] == magic[2] && bytes[offset + 3] == magic[3]
    }

    /// The header at `offset`, or `nil` when it is cut short or its checksum does not match.
    static func header(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Header? {
        guard bytes.count - offset >= headerSize, starts(bytes, at: offset) else { return nil }
        let checked = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + headerSize - 4])
        guard CRC32C.checksum(checked) == RecordFrame.readLittleEndian(bytes, at: offset + headerSize - 4) else {
            return nil
        }
        return Header(
            bodyLength: readLittleEndian64(bytes, at: offset + 4), durableEnd: readLittleEndian64(bytes, at: offset + 12),
            recordsCRC: RecordFrame.readLittleEndian(bytes, at: offset + 20))
    }

    static func appendLittleEndian(_ value: UInt64, to out: inout [UInt8]) {
        RecordFrame.appendLittleEndian(UInt32(truncatingIfNeeded: value), to: &out)
        RecordFrame.appendLittleEndian(UInt32(truncatingIfNeeded: value >> 32), to: &out)
    }

    static func readLittleEndian64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(RecordFrame.readLittleEndian(bytes, at: offset)) | UInt64(RecordFrame.readLittleEndian(bytes, at: offset + 4)) << 32
    }
}
