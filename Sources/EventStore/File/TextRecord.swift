import Events

/// One write to the texts file (`texts.log`, beside `events.log`): the texts and erase
/// intents of one writer batch, framed as `magic` (4 bytes) ‖ `length` (UInt32 LE) ‖
/// `crc32c` of the payload (UInt32 LE) ‖ `payload`, the payload a run of ``Entry``s.
///
/// Why one record per batch: the writer puts a batch's texts in the file with one `pwrite`
/// and flushes it before the next, so a record that does not check out is either the last,
/// never-acknowledged write torn by a crash (cut on open), or damage under flushed texts,
/// which a good record after it proves (the store refuses to open). See FileStore.md.
struct TextRecord: Equatable {
    static let fileHeader: [UInt8] = Array("TAFEL-TEXTS v1\n\0".utf8)
    static let magic: [UInt8] = [0xFE, 0x54, 0x58, 0xFF]
    static let headerSize = 12

    /// What a record holds, each tagged with the position of the first event of the write it
    /// belongs to and that event's id, so that open can tell texts whose events landed.
    enum Entry: Equatable {
        /// A text an append or import wrote (tag 1).
        case text(position: Int64, eventId: String, SealedText)
        /// An append that erases `refs` (tag 2): applied once its event is in the log, dropped otherwise.
        case erase(position: Int64, eventId: String, refs: [String])

        var position: Int64 {
            switch self {
            case let .text(position, _, _), let .erase(position, _, _): position
            }
        }
    }

    var entries: [Entry]

    /// The framed bytes of this record.
    var framed: [UInt8] {
        var payload: [UInt8] = []
        for entry in entries {
            switch entry {
            case let .text(position, eventId, text):
                payload.append(1)
                BatchFrame.appendLittleEndian(UInt64(position), to: &payload)
                Self.appendString(eventId, to: &payload)
                Self.appendString(text.ref, to: &payload)
                payload += text.salt
                Self.appendString(text.text, to: &payload)
            case let .erase(position, eventId, refs):
                payload.append(2)
                BatchFrame.appendLittleEndian(UInt64(position), to: &payload)
                Self.appendString(eventId, to: &payload)
                RecordFrame.appendLittleEndian(UInt32(refs.count), to: &payload)
                for ref in refs { Self.appendString(ref, to: &payload) }
            }
        }
        var out = Self.magic
        RecordFrame.appendLittleEndian(UInt32(payload.count), to: &out)
        RecordFrame.appendLittleEndian(CRC32C.checksum(payload), to: &out)
        return out + payload
    }

    static func appendString(_ value: String, to out: inout [UInt8]) {
        RecordFrame.appendLittleEndian(UInt32(value.utf8.count), to: &out)
        out += value.utf8
    }

    /// What sits at one offset of the file's bytes.
    enum Scan: Equatable {
        case record(TextRecord, size: Int)
        case bad(String)
    }

    /// Reads the record at `offset` of `bytes` (the whole file).
    static func scan(_ bytes: [UInt8], at offset: Int) -> Scan {
        guard bytes.count - offset >= headerSize else { return .bad("an incomplete record header") }
        guard Array(bytes[offset..<offset + 4]) == magic else { return .bad("no record where the next belongs") }
        let length = bytes.withUnsafeBytes { Int(RecordFrame.readLittleEndian($0, at: offset + 4)) }
        let crc = bytes.withUnsafeBytes { RecordFrame.readLittleEndian($0, at: offset + 8) }
        guard length <= bytes.count - offset - headerSize else { return .bad("a record that runs past the end of the file") }
        let payload = bytes[(offset + headerSize)..<(offset + headerSize + length)]
        guard payload.withUnsafeBytes({ CRC32C.checksum($0) }) == crc else { return .bad("checksum mismatch") }
        guard let entries = decode(Array(payload)) else { return .bad("a record whose entries do not parse") }
        return .record(TextRecord(entries: entries), size: headerSize + length)
    }

    static func decode(_ payload: [UInt8]) -> [Entry]? {
        var reader = Reader(bytes: payload)
        var entries: [Entry] = []
        while !reader.atEnd {
            guard let tag = reader.byte(), let position = reader.uint64(), let eventId = reader.string() else { return nil }
            switch tag {
            case 1:
                guard let ref = reader.string(), let salt = reader.bytes(SealedText.saltBytes), let text = reader.string() else {
                    return nil
                }
                entries.append(.text(position: Int64(position), eventId: eventId, SealedText(ref: ref, salt: salt, text: text)))
            case 2:
                guard let count = reader.uint32(), Int(count) <= payload.count else { return nil }
                var refs: [String] = []
                for _ in 0..<count {
                    guard let ref = reader.string() else { return nil }
                    refs.append(ref)
                }
                entries.append(.erase(position: Int64(position), eventId: eventId, refs: refs))
            default:
                return nil
            }
        }
        return entries
    }

    /// Reads the fields of a payload, each read `nil` when the payload ends first.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset >= bytes.count }

        mutating func bytes(_ count: Int) -> [UInt8]? {
            guard count >= 0, bytes.count - offset >= count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func byte() -> UInt8? { bytes(1)?[0] }

        mutating func uint32() -> UInt32? {
            guard let raw = bytes(4) else { return nil }
            return raw.withUnsafeBytes { RecordFrame.readLittleEndian($0, at: 0) }
        }

        mutating func uint64() -> UInt64? {
            guard let raw = bytes(8) else { return nil }
            return raw.withUnsafeBytes { BatchFrame.readLittleEndian64($0, at: 0) }
        }

        mutating func string() -> String? {
            guard let count = uint32(), let raw = bytes(Int(count)) else { return nil }
            return String(validating: raw, as: UTF8.self)
        }
    }
}
