import Events
import Glibc

extension FileEventStore {
    static let logName = "events.log"

    /// Opens (or, with `create`, makes) the store in `directory`: takes the lock, cuts a
    /// torn last batch (see ``BatchFrame``), upgrades a version 1 log, and rebuilds the
    /// indexes from the log.
    ///
    /// - Parameters:
    ///   - create: make the directory (its parent must exist) and an empty log when missing.
    ///   - logger: where a cut torn tail (`store_tail_cut`), a failed write or flush, and
    ///     the stop of writing that follows are reported.
    /// - Throws: ``EventStoreError``: `locked` (another process, with its pid), `damaged`
    ///   (a bad batch that a later one proves acknowledged, with the first bad position),
    ///   `unavailable` (no such store), `io` (permissions, disk).
    package static func open(
        directory: String, create: Bool = true, clock: @escaping @Sendable () -> Timestamp = FileEventStore.systemClock,
        reserveChunk: Int64 = FileEventStore.defaultReserveChunk, logger: Logger = .standardError
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
        var (index, recovery) = try scan(log)
        if recovery.truncatedBytes > 0 {
            logger.log(.warning, "store_tail_cut", [
                ("store", .string("file")), ("directory", .string(directory)), ("truncatedBytes", .int(recovery.truncatedBytes)),
                ("events", .int(recovery.events)), ("reason", .string(recovery.truncatedReason ?? "")),
            ])
        }
        let texts = try TextsFile.open(directory: directory, head: index.tail.position) { position in
            try eventId(at: position, in: log, index: index)
        }
        recovery.textsTruncatedBytes = texts.truncatedBytes
        recovery.droppedTexts = texts.dropped
        recovery.appliedErasures = texts.applied
        return FileEventStore(directory: directory, log: log, texts: texts, lock: lock, index: index, recovery: recovery,
            clock: clock, reserveChunk: reserveChunk, logger: logger)
    }

    /// The id of the event at `position` (at most the index's head) of a scanned log.
    static func eventId(at position: Int64, in log: POSIXFile, index: FileStoreIndex) throws -> String {
        let (start, end) = (index.offsets[Int(position - 1)], index.offsets[Int(position)])
        let bytes = try log.read(count: Int(end - start), at: start)
        let scanned = bytes.withUnsafeBytes { buffer in
            RecordFrame.scan(buffer, at: BatchFrame.starts(buffer, at: 0) ? BatchFrame.headerSize : 0)
        }
        guard case let .record(envelope, _) = scanned else {
            throw EventStoreError(.damaged, "\(log.path): the record at position \(position) does not read", position: position)
        }
        return envelope.eventId
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
        guard RecordFrame.fileHeader.starts(with: existing) || RecordFrame.legacyFileHeader.starts(with: existing) else {
            throw EventStoreError(.damaged, "\(log.path) is not a Tafel event log", position: 1)
        }
        try log.truncate(to: 0)
        try RecordFrame.fileHeader.withUnsafeBytes { bytes throws in try log.write(bytes, at: 0) }
        try log.syncData()
        try POSIXFile.syncDirectory(directory)
    }

    /// Reads the whole log once, checking order and links, cuts a torn tail, upgrades a
    /// version 1 log, and returns the indexes.
    static func scan(_ log: POSIXFile) throws -> (FileStoreIndex, Recovery) {
        let fileSize = try log.size
        let header = try log.read(count: RecordFrame.fileHeader.count, at: 0)
        let legacy = header == RecordFrame.legacyFileHeader
        guard legacy || header == RecordFrame.fileHeader else {
            throw EventStoreError(.damaged, "\(log.path) is not a Tafel event log (bad header)", position: 1)
        }
        var scanner = LogScanner(log: log, fileSize: fileSize, legacy: legacy)
        var recovery = Recovery(events: 0, truncatedBytes: 0, truncatedReason: nil)
        if case let .torn(start, reason) = try scanner.run() {
            try log.truncate(to: start)
            try log.syncData()
            recovery.truncatedBytes = fileSize - start
            recovery.truncatedReason = "a batch that was never acknowledged: \(reason)"
        }
        var index = scanner.index
        recovery.events = index.tail.position
        if legacy { try upgrade(log, index: &index, sawBatch: scanner.sawBatch) }
        return (index, recovery)
    }

    /// Makes a version 1 log a version 2 one in place. Its records stay as they are; an empty
    /// batch after them carries their end as `durableEnd`, so damage among them still refuses
    /// to open rather than reading as a torn batch; and the header says v2, so that an older
    /// `tafel` refuses the log instead of cutting the batches it cannot read.
    static func upgrade(_ log: POSIXFile, index: inout FileStoreIndex, sawBatch: Bool) throws {
        if !sawBatch {
            var marker: [UInt8] = []
            let start = BatchFrame.open(&marker)
            BatchFrame.seal(&marker, at: start, durableEnd: index.endOffset, recordHeaders: [])
            try marker.withUnsafeBytes { bytes throws in try log.write(bytes, at: index.endOffset) }
            try log.syncData()
            index.offsets[index.offsets.count - 1] += Int64(BatchFrame.headerSize)
        }
        try RecordFrame.fileHeader.withUnsafeBytes { bytes throws in try log.write(bytes, at: 0) }
        try log.syncData()
    }

    /// Whether the file holds nothing but zeros from `start` to `end`: the blocks the writer
    /// reserves ahead of the log (see ``reserveAhead(writingThrough:)``), which a crash leaves
    /// behind. They are kept for the next appends, not reported as a torn tail.
    static func onlyZeros(_ log: POSIXFile, from start: Int64, to end: Int64) throws -> Bool {
        var offset = start
        while offset < end {
            let chunk = try log.read(count: min(LogScanner.chunk, Int(end - offset)), at: offset)
            if chunk.isEmpty { return true }
            if chunk.contains(where: { $0 != 0 }) { return false }
            offset += Int64(chunk.count)
        }
        return true
    }
}
