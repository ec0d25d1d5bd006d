import Events
import Glibc

/// Reads a log from its header to the end of its last whole batch, building the index, and
/// says what follows: nothing but reserved zeros, a torn tail to cut, or damage to refuse.
///
/// It changes nothing itself, so it serves both ``FileEventStore/open(directory:create:clock:reserveChunk:)``
/// and ``FileEventStore/copyLog(from:to:)`` on a log another process is writing. Memory stays
/// at one read chunk plus one record, plus the records of the batch being checked: no
/// length field read from the file decides an allocation before its checksum has passed
/// and the file has been found to hold that many bytes.
struct LogScanner {
    /// What follows the last good batch.
    enum End: Equatable {
        /// The end of the file, or zeros reserved ahead of the log.
        case clean
        /// Bytes from `at` to the end that were never acknowledged: a torn batch and whatever
        /// was written while it was in flight.
        case torn(at: Int64, reason: String)
    }

    /// Where reading stopped and why.
    struct Stop {
        /// Where the bad batch (or version 1 record) starts: the cut for a torn tail.
        var start: Int64
        /// The first position that did not check out.
        var position: Int64
        /// Where that position's record starts.
        var byte: Int64
        var reason: String
    }

    static let chunk = 8 * 1024 * 1024

    let log: POSIXFile
    let fileSize: Int64
    /// The log starts with the version 1 header: records without batch frames, whose damage
    /// only a valid record after them can show to be in the middle.
    let legacy: Bool
    private(set) var index: FileStoreIndex
    /// Whether a batch frame has been read; records without one may only come before it.
    private(set) var sawBatch = false
    /// Where the last ``run()`` stopped; the index holds everything before it.
    private(set) var lastStop: Stop?
    private var buffer: [UInt8] = []
    private var bufferStart: Int64
    private var local = 0

    init(log: POSIXFile, fileSize: Int64, legacy: Bool) {
        self.log = log
        self.fileSize = fileSize
        self.legacy = legacy
        index = FileStoreIndex(firstOffset: Int64(RecordFrame.fileHeader.count))
        bufferStart = index.endOffset
    }

    var offset: Int64 { bufferStart + Int64(local) }

    /// Reads every good batch (and version 1 record) into ``index``.
    /// - Throws: ``EventStoreError/Code/damaged`` naming the position, when a bad stretch is
    ///   followed by proof that it was acknowledged, or good records do not link.
    mutating func run() throws -> End {
        while try available(1) {
            let stop: Stop?
            if try available(BatchFrame.magic.count), buffer.withUnsafeBytes({ BatchFrame.starts($0, at: local) }) {
                stop = try readBatch()
            } else if !sawBatch {
                stop = try readRecord()
            } else {
                let position = index.tail.position + 1
                stop = Stop(start: offset, position: position, byte: offset, reason: "no batch frame where the next batch belongs")
            }
            if let stop {
                lastStop = stop
                return try settle(stop)
            }
        }
        return .clean
    }

    /// Reads on from `offset` afresh, forgetting what the buffer held: for a log another
    /// process is writing, where a batch read half-written may be whole now. Only a bad
    /// batch's start is a place to go back to, as the index holds everything before it.
    mutating func rewind(to offset: Int64) {
        buffer = []
        bufferStart = offset
        local = 0
    }

    /// Makes `count` bytes from ``offset`` available in the buffer; `false` when the file ends first.
    mutating func available(_ count: Int) throws -> Bool {
        if buffer.count - local >= count { return true }
        let fileOffset = bufferStart + Int64(buffer.count)
        guard Int64(count - (buffer.count - local)) <= fileSize - fileOffset else { return false }
        buffer.removeFirst(local)
        bufferStart += Int64(local)
        local = 0
        let wanted = Int64(max(count - buffer.count, Self.chunk))
        buffer += try log.read(count: Int(min(wanted, fileSize - fileOffset)), at: fileOffset)
        return buffer.count >= count
    }

    /// Reads the batch at ``offset``; it joins the index only when all of it checks out.
    mutating func readBatch() throws -> Stop? {
        let start = offset
        let first = index.tail.position + 1
        func stop(_ reason: String, position: Int64? = nil, byte: Int64? = nil) -> Stop {
            Stop(start: start, position: position ?? first, byte: byte ?? start, reason: reason)
        }
        guard try available(BatchFrame.headerSize) else { return stop("an incomplete batch header") }
        guard let header = buffer.withUnsafeBytes({ BatchFrame.header($0, at: local) }) else {
            return stop("a batch header whose checksum does not match")
        }
        guard header.bodyLength <= UInt64(fileSize - start - Int64(BatchFrame.headerSize)) else {
            return stop("a batch of \(header.bodyLength) bytes that runs past the end of the file")
        }
        guard header.durableEnd <= UInt64(start) else { return stop("a batch header that claims a flushed end beyond itself") }
        local += BatchFrame.headerSize
        let bodyEnd = offset + Int64(header.bodyLength)
        var records: [(envelope: EventEnvelope, size: Int, hash: [UInt8])] = []
        var recordHeaders: [UInt8] = []
        while offset < bodyEnd {
            let (byte, position) = (offset, first + Int64(records.count))
            guard try available(RecordFrame.headerSize) else { return stop("an incomplete record", position: position, byte: byte) }
            let length = buffer.withUnsafeBytes { Int(RecordFrame.readLittleEndian($0, at: local)) }
            guard length > RecordFrame.hashesSize, length <= RecordFrame.maximumPayload,
                Int64(RecordFrame.headerSize + length) <= bodyEnd - byte
            else {
                return stop("a record of \(length) bytes that does not fit its batch", position: position, byte: byte)
            }
            guard try available(RecordFrame.headerSize + length) else {
                return stop("an incomplete record", position: position, byte: byte)
            }
            switch buffer.withUnsafeBytes({ RecordFrame.scan($0, at: local) }) {
            case let .record(envelope, size):
                let hashStart = local + RecordFrame.headerSize + 32
                recordHeaders += buffer[local..<local + RecordFrame.headerSize]
                records.append((envelope, size, Array(buffer[hashStart..<hashStart + 32])))
                local += size
            case let .bad(reason):
                return stop(reason, position: position, byte: byte)
            case .incomplete:
                return stop("an incomplete record", position: position, byte: byte)
            }
        }
        guard CRC32C.checksum(recordHeaders) == header.recordsCRC else { return stop("a batch whose checksum does not match") }
        for (number, record) in records.enumerated() {
            try checkContinuity(record.envelope)
            index.add(record.envelope, frameSize: record.size + (number == 0 ? BatchFrame.headerSize : 0), hash: record.hash)
        }
        if records.isEmpty { index.offsets[index.offsets.count - 1] += Int64(BatchFrame.headerSize) }
        sawBatch = true
        return nil
    }

    /// Reads one record of a version 1 log at ``offset``.
    mutating func readRecord() throws -> Stop? {
        let start = offset
        let position = index.tail.position + 1
        func stop(_ reason: String) -> Stop { Stop(start: start, position: position, byte: start, reason: reason) }
        guard try available(RecordFrame.headerSize) else { return stop("an incomplete record") }
        let length = buffer.withUnsafeBytes { Int(RecordFrame.readLittleEndian($0, at: local)) }
        guard length > RecordFrame.hashesSize, length <= RecordFrame.maximumPayload else {
            return stop("frame length \(length) is out of range")
        }
        guard try available(RecordFrame.headerSize + length) else { return stop("a record whose length runs past the end") }
        switch buffer.withUnsafeBytes({ RecordFrame.scan($0, at: local) }) {
        case let .record(envelope, size):
            try checkContinuity(envelope)
            let hashStart = local + RecordFrame.headerSize + 32
            index.add(envelope, frameSize: size, hash: Array(buffer[hashStart..<hashStart + 32]))
            local += size
            return nil
        case let .bad(reason):
            return stop(reason)
        case .incomplete:
            return stop("an incomplete record")
        }
    }

    func checkContinuity(_ envelope: EventEnvelope) throws {
        let expected = index.tail.position + 1
        guard envelope.position == expected else {
            throw EventStoreError(.damaged, "\(log.path): found position \(envelope.position) where \(expected) belongs", position: expected)
        }
        guard envelope.version == index.streamVersion(envelope.stream) + 1 else {
            throw EventStoreError(
                .damaged, "\(log.path): position \(expected) has version \(envelope.version) of \(envelope.stream), out of order",
                position: expected)
        }
        guard Hex.decode(envelope.previousHash) == index.tail.hash else {
            throw EventStoreError(.damaged, "\(log.path): position \(expected) does not link to the hash of position \(expected - 1)", position: expected)
        }
    }

    /// Decides what the bytes from a stop are: reserved zeros, damage to acknowledged records
    /// (thrown), or a torn tail.
    func settle(_ stop: Stop) throws -> End {
        if try FileEventStore.onlyZeros(log, from: stop.start, to: fileSize) { return .clean }
        if try acknowledgedFollows(stop) {
            throw EventStoreError(
                .damaged,
                "\(log.path): the record at position \(stop.position) (byte \(stop.byte)) is damaged (\(stop.reason)) and acknowledged records follow it; refusing to open",
                position: stop.position)
        }
        return .torn(at: stop.start, reason: stop.reason)
    }

    /// Whether anything after a stop proves the bad stretch was acknowledged: a batch header
    /// whose `durableEnd` lies beyond the stop (it was written after the stop's batch was
    /// flushed), or, in a version 1 log, any valid record of a later position. Batches that
    /// were in flight together with a torn one prove nothing and are cut with it.
    func acknowledgedFollows(_ stop: Stop) throws -> Bool {
        var from = stop.start + 1
        while from < fileSize {
            let window = try log.read(count: Int(min(Int64(Self.chunk), fileSize - from)), at: from)
            let found = try window.withUnsafeBytes { bytes throws -> Bool in
                func proves(_ at: Int) throws -> Bool {
                    if let header = BatchFrame.header(bytes, at: at), header.durableEnd > UInt64(stop.start),
                        header.durableEnd <= UInt64(from + Int64(at))
                    {
                        return true
                    }
                    return try legacy && recordFollows(bytes, at: at, fileOffset: from + Int64(at), expected: stop.position)
                }
                if legacy { return try (0..<bytes.count).contains(where: proves) }
                // Only batch headers can prove anything here, so jump from one first magic byte to the next.
                guard let base = bytes.baseAddress else { return false }
                var at = 0
                while at < bytes.count, let hit = memchr(base + at, Int32(BatchFrame.magic[0]), bytes.count - at) {
                    at = base.distance(to: UnsafeRawPointer(hit))
                    if try proves(at) { return true }
                    at += 1
                }
                return false
            }
            if found { return true }
            if window.count < Self.chunk || from + Int64(window.count) >= fileSize { return false }
            // Overlapping so that a header across the boundary is seen whole in the next window.
            from += Int64(window.count - BatchFrame.headerSize)
        }
        return false
    }

    /// Whether a valid version 1 record of position `expected` or later starts at `at`. The
    /// cheap tests go first; a record longer than the window is read on its own.
    func recordFollows(_ bytes: UnsafeRawBufferPointer, at: Int, fileOffset: Int64, expected: Int64) throws -> Bool {
        let canonicalStart = RecordFrame.headerSize + RecordFrame.hashesSize
        guard bytes.count - at > canonicalStart, bytes[at + canonicalStart] == UInt8(ascii: "{") else { return false }
        let length = Int(RecordFrame.readLittleEndian(bytes, at: at))
        guard length > RecordFrame.hashesSize, length <= RecordFrame.maximumPayload,
            Int64(RecordFrame.headerSize + length) <= fileSize - fileOffset
        else { return false }
        let scanned: RecordFrame.Scan
        if bytes.count - at >= RecordFrame.headerSize + length {
            scanned = RecordFrame.scan(bytes, at: at)
        } else {
            let whole = try log.read(count: RecordFrame.headerSize + length, at: fileOffset)
            scanned = whole.withUnsafeBytes { RecordFrame.scan($0, at: 0) }
        }
        if case let .record(envelope, _) = scanned { return envelope.position >= expected }
        return false
    }
}
