import Events

/// The on-disk form of one log record: `length` (UInt32 LE) ‖ `crc32c` (UInt32 LE) ‖
/// `payload`, where the payload is `previousHash` (32 bytes) ‖ `hash` (32 bytes) ‖
/// `canonical(n)` — the very bytes the chain hashes, so verifying needs no re-encoding.
///
/// The length lets a reader skip, the checksum tells a torn or damaged record from a good
/// one. The log file starts with ``fileHeader`` so that no other file is read as a log.
/// Since version 2 the records of each written batch sit inside a ``BatchFrame``.
enum RecordFrame {
    static let fileHeader: [UInt8] = Array("TAFEL-LOG v2\n\0\0\0".utf8)
    /// Version 1 logs hold records without batch frames; they are read as they are and
    /// upgraded on open (see ``FileEventStore/upgrade(_:scanned:directory:)``).
    static let legacyFileHeader: [UInt8] = Array("TAFEL-LOG v1\n\0\0\0".utf8)
    static let headerSize = 8
    /// No single envelope is larger; a length field beyond it marks a damaged frame.
    static let maximumPayload = 16 * 1024 * 1024

    /// The two raw hashes at the start of every payload.
    static let hashesSize = 64

    /// Appends the frame of an envelope with hashes `previousHash` and `hash` (raw) and
    /// canonical form `canonical` to `out`.
    static func append(previousHash: [UInt8], hash: [UInt8], canonical: [UInt8], to out: inout [UInt8]) {
        let start = out.count
        appendLittleEndian(UInt32(hashesSize + canonical.count), to: &out)
        appendLittleEndian(0, to: &out)
        out.append(contentsOf: previousHash)
        out.append(contentsOf: hash)
        out.append(contentsOf: canonical)
        let crc = out.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[(start + headerSize)...])) }
        out.withUnsafeMutableBytes { buffer in
            buffer[start + 4] = UInt8(truncatingIfNeeded: crc)
            buffer[start + 5] = UInt8(truncatingIfNeeded: crc >> 8)
            buffer[start + 6] = UInt8(truncatingIfNeeded: crc >> 16)
            buffer[start + 7] = UInt8(truncatingIfNeeded: crc >> 24)
        }
    }

    static func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    static func readLittleEndian(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    /// What sits at one offset of a buffer.
    enum Scan {
        /// A good frame: its envelope and total size.
        case record(EventEnvelope, size: Int)
        /// The buffer ends inside the frame.
        case incomplete
        /// The frame is there but its length, checksum or JSON is bad.
        case bad(String)
    }

    /// Reads the frame at `offset` of `bytes`.
    static func scan(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Scan {
        guard bytes.count - offset >= headerSize else { return .incomplete }
        let length = Int(readLittleEndian(bytes, at: offset))
        let crc = readLittleEndian(bytes, at: offset + 4)
        if length <= hashesSize || length > maximumPayload { return .bad("frame length \(length) is out of range") }
        guard bytes.count - offset - headerSize >= length else { return .incomplete }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + headerSize)..<(offset + headerSize + length)])
        guard CRC32C.checksum(payload) == crc else { return .bad("checksum mismatch") }
        let previousHash = Hex.encode(payload[0..<32])
        let hash = Hex.encode(payload[32..<64])
        do {
            let canonical = UnsafeRawBufferPointer(rebasing: payload[hashesSize...]).bindMemory(to: UInt8.self)
            return .record(try EventEnvelope.decode(canonical, previousHash: previousHash, hash: hash), size: headerSize + length)
        } catch let error as JSONParseError {
            return .bad("payload is not JSON: \(error)")
        } catch {
            return .bad("payload is not an envelope: \(error)")
        }
    }
}
