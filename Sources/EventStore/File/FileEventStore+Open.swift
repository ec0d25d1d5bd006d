import Events
import Glibc

extension FileEventStore {
    static let logName = "events.log"
    static let scanChunk = 8 * 1024 * 1024

    /// Opens (or, with `create`, makes) the store in `directory`: takes the lock, cuts a
    /// torn tail, and rebuilds the indexes from the log.
    ///
    /// - Parameters:
    ///   - create: make the directory (its parent must exist) and an empty log when missing.
    /// - Throws: ``EventStoreError``: `locked` (another process, with its pid), `damaged`
    ///   (a bad record before the tail, with its position), `unavailable` (no such store),
    ///   `io` (permissions, disk).
    public static func open(
        directory: String, create: Bool = true, clock: @escaping @Sendable () -> Timestamp = FileEventStore.systemClock,
        reserveChunk: Int64 = FileEventStore.defaultReserveChunk
    ) throws -> FileEventStore {
        try prepareDirectory(directory, create: create)
        let lock = try DirectoryLock(directory: directory)
        let path = directory + "/" + logName
        let exists = access(path, F_OK) == 0
        if !exists && !create {
            throw EventStoreError(.unavailable, "no event log in \(directory)")
        }
        let log = try POSIXFile(path: path, flags: O_RDWR | O_CREAT)
        if try log.size < Int64(RecordFrame.fileHeader.count) {
            try writeHeader(log, directory: directory)
        }
        let (index, recovery) = try scan(log)
        return FileEventStore(directory: directory, log: log, lock: lock, index: index, recovery: recovery, clock: clock,
            reserveChunk: reserveChunk)
    }

    static func prepareDirectory(_ directory: String, create: Bool) throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw EventStoreError(.unavailable, "\(directory) is not a directory")
            }
            return
        }
        guard errno == ENOENT else { throw POSIXFile.error("stat", directory) }
        guard create else { throw EventStoreError(.unavailable, "no store at \(directory): the directory does not exist") }
        guard mkdir(directory, 0o755) == 0 else {
            if errno == ENOENT {
                throw EventStoreError(.unavailable, "cannot create \(directory): its parent directory does not exist")
            }
            throw POSIXFile.error("mkdir", directory)
        }
        let parent = directory.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        try POSIXFile.syncDirectory(parent.isEmpty ? (directory.hasPrefix("/") ? "/" : ".") : parent)
    }

    static func writeHeader(_ log: POSIXFile, directory: String) throws {
        let existing = try log.read(count: RecordFrame.fileHeader.count, at: 0)
        guard RecordFrame.fileHeader.starts(with: existing) else {
            throw EventStoreError(.damaged, "\(log.path) is not a Tafel event log", position: 1)
        }
        try log.truncate(to: 0)
        try RecordFrame.fileHeader.withUnsafeBytes { bytes throws in try log.write(bytes, at: 0) }
        try log.syncData()
        try POSIXFile.syncDirectory(directory)
    }

    /// Reads the whole log once, checking order and links, and returns the indexes.
    static func scan(_ log: POSIXFile) throws -> (FileStoreIndex, Recovery) {
        let fileSize = try log.size
        let header = try log.read(count: RecordFrame.fileHeader.count, at: 0)
        guard header == RecordFrame.fileHeader else {
            throw EventStoreError(.damaged, "\(log.path) is not a Tafel event log (bad header)", position: 1)
        }
        var index = FileStoreIndex(firstOffset: Int64(RecordFrame.fileHeader.count))
        var buffer: [UInt8] = []
        var bufferStart = index.endOffset
        var local = 0
        while true {
            let scanned = buffer.withUnsafeBytes { RecordFrame.scan($0, at: local) }
            switch scanned {
            case let .record(envelope, size):
                try checkContinuity(envelope, index: index, log: log)
                index.add(envelope, frameSize: size, hash: Hex.decode(envelope.hash) ?? [])
                local += size
            case .incomplete:
                let fileOffset = bufferStart + Int64(buffer.count)
                if fileOffset < fileSize {
                    buffer.removeFirst(local)
                    bufferStart += Int64(local)
                    local = 0
                    buffer += try log.read(count: min(scanChunk, Int(fileSize - fileOffset)), at: fileOffset)
                    continue
                }
                let recovery = try endOfRecords(
                    log, at: bufferStart + Int64(local), fileSize: fileSize, index: index,
                    damage: "a record whose length runs past the end", tear: "an incomplete record")
                return (index, recovery)
            case let .bad(reason):
                let recovery = try endOfRecords(
                    log, at: bufferStart + Int64(local), fileSize: fileSize, index: index, damage: reason, tear: reason)
                return (index, recovery)
            }
        }
    }

    /// Decides what the bytes from `start`, where the good records end, are: reserved zeros
    /// (kept), damage before acknowledged records (refused, naming `damage`), or a torn tail
    /// (cut and reported with `tear`).
    static func endOfRecords(
        _ log: POSIXFile, at start: Int64, fileSize: Int64, index: FileStoreIndex, damage: String, tear: String
    ) throws -> Recovery {
        if try onlyZeros(log, from: start, to: fileSize) {
            return Recovery(events: index.tail.position, truncatedBytes: 0, truncatedReason: nil)
        }
        let expected = index.tail.position + 1
        if try validRecordFollows(log, after: start, fileSize: fileSize, expected: expected) {
            throw damagedMiddle(log, position: expected, byte: start, reason: damage)
        }
        return try cutTail(log, at: start, fileSize: fileSize, reason: tear, index: index)
    }

    static func damagedMiddle(_ log: POSIXFile, position: Int64, byte: Int64, reason: String) -> EventStoreError {
        EventStoreError(
            .damaged,
            "\(log.path): the record at position \(position) (byte \(byte)) is damaged (\(reason)) and valid records follow it; refusing to open",
            position: position)
    }

    static func checkContinuity(_ envelope: EventEnvelope, index: FileStoreIndex, log: POSIXFile) throws {
        let expected = index.tail.position + 1
        guard envelope.position == expected else {
            throw EventStoreError(.damaged, "\(log.path): found position \(envelope.position) where \(expected) belongs", position: expected)
        }
        guard envelope.version == index.streamVersion(envelope.stream) + 1 else {
            throw EventStoreError(.damaged, "\(log.path): position \(expected) has version \(envelope.version) of \(envelope.stream), out of order", position: expected)
        }
        guard Hex.decode(envelope.previousHash) == index.tail.hash else {
            throw EventStoreError(.damaged, "\(log.path): position \(expected) does not link to the hash of position \(expected - 1)", position: expected)
        }
    }

    /// Whether the file holds nothing but zeros from `start` to `end`: the blocks the writer
    /// reserves ahead of the log (see ``reserveAhead(writingThrough:)``), which a crash leaves
    /// behind. They are kept for the next appends, not reported as a torn tail.
    static func onlyZeros(_ log: POSIXFile, from start: Int64, to end: Int64) throws -> Bool {
        var offset = start
        while offset < end {
            let chunk = try log.read(count: min(scanChunk, Int(end - offset)), at: offset)
            if chunk.isEmpty { return true }
            if chunk.contains(where: { $0 != 0 }) { return false }
            offset += Int64(chunk.count)
        }
        return true
    }

    /// A bad or cut-short frame is a torn tail only when no valid record follows it
    /// anywhere in the rest of the file: a crash mid-write leaves garbage or zeros at the
    /// end, while damage in the middle (bit rot, a bad length field) leaves good records
    /// after it — and those were acknowledged, so the store must refuse, not cut.
    static func validRecordFollows(_ log: POSIXFile, after start: Int64, fileSize: Int64, expected: Int64) throws -> Bool {
        let limit = 256 * 1024 * 1024
        guard fileSize - start <= Int64(limit) else { return true }
        let rest = try log.read(count: Int(fileSize - start), at: start)
        return rest.withUnsafeBytes { buffer in
            var offset = 1
            while offset + RecordFrame.headerSize < buffer.count {
                let length = Int(RecordFrame.readLittleEndian(buffer, at: offset))
                if length > RecordFrame.hashesSize, length <= buffer.count - offset - RecordFrame.headerSize,
                    buffer[offset + RecordFrame.headerSize + RecordFrame.hashesSize] == UInt8(ascii: "{"),
                    case let .record(envelope, _) = RecordFrame.scan(buffer, at: offset), envelope.position >= expected
                {
                    return true
                }
                offset += 1
            }
            return false
        }
    }

    static func cutTail(_ log: POSIXFile, at start: Int64, fileSize: Int64, reason: String, index: FileStoreIndex) throws -> Recovery {
        try log.truncate(to: start)
        try log.syncData()
        return Recovery(events: index.tail.position, truncatedBytes: fileSize - start, truncatedReason: reason)
    }
}
