import Events
import Glibc
import Synchronization

/// The file store's side store for free texts: `texts.log` beside `events.log`, a run of
/// ``TextRecord``s that the writer appends to and flushes before it writes the events the
/// texts belong to, and that is rewritten (never edited in place) to erase texts.
///
/// Why a second file: the log is append-only and hashed, and a text must be erasable. The
/// log holds only each text's reference and salted digest (``Events/FreeText``); the text
/// and its salt live here, and erasing rewrites this file without them. See FileStore.md.
final class TextsFile: Sendable {
    static let name = "texts.log"
    /// Where a rewrite is put together before it is renamed over ``name``.
    static let compactingName = "texts.log.compact"

    /// An erase intent, known by the position and id of the first event of its append.
    struct Intent: Hashable {
        var position: Int64
        var eventId: String
    }

    struct Handle {
        var file: POSIXFile
        var end: Int64
    }

    let directory: String
    let handle: Mutex<Handle>

    var path: String { directory + "/" + Self.name }

    init(directory: String, file: POSIXFile, end: Int64) {
        self.directory = directory
        self.handle = Mutex(Handle(file: file, end: end))
    }

    /// What ``open(directory:head:eventId:)`` found and changed.
    struct Opened {
        var file: TextsFile
        var live: [String: SealedText]
        var truncatedBytes: Int64
        /// Texts and intents whose events never landed in the log, dropped.
        var dropped: Int
        /// Erase intents whose events are in the log, carried out.
        var applied: Int
    }

    /// Opens (or makes) the texts file of the store in `directory`, whose log ends at `head`:
    /// cuts a torn last write, drops what belongs to events beyond the head or not in the log,
    /// and carries out the erase intents whose events are in the log (rewriting the file).
    /// - Parameter eventId: the id of the event at a position of the log (at most `head`).
    /// - Throws: ``EventStoreError``: `damaged` when a record is bad and a good one follows it.
    static func open(directory: String, head: Int64, eventId: (Int64) throws -> String) throws -> Opened {
        let path = directory + "/" + name
        let compacting = directory + "/" + compactingName
        if access(compacting, F_OK) == 0 {
            // A rewrite that stopped before its rename: the file it was made from is still whole.
            guard unlink(compacting) == 0 else { throw POSIXFile.error("unlink", compacting) }
            try POSIXFile.syncDirectory(directory)
        }
        let existed = access(path, F_OK) == 0
        let file = try POSIXFile(path: path, flags: O_RDWR | O_CREAT)
        var bytes = try file.read(count: Int(try file.size), at: 0)
        if bytes.count < TextRecord.fileHeader.count {
            guard TextRecord.fileHeader.starts(with: bytes) else {
                throw EventStoreError(.damaged, "\(path) is not a Tafel texts file")
            }
            try file.truncate(to: 0)
            try TextRecord.fileHeader.withUnsafeBytes { try file.write($0, at: 0) }
            try file.syncData()
            if !existed { try POSIXFile.syncDirectory(directory) }
            bytes = TextRecord.fileHeader
        }
        guard Array(bytes[0..<TextRecord.fileHeader.count]) == TextRecord.fileHeader else {
            throw EventStoreError(.damaged, "\(path) is not a Tafel texts file (bad header)")
        }
        let (records, end) = try records(in: bytes, path: path)
        var truncated: Int64 = 0
        if end < bytes.count {
            try file.truncate(to: Int64(end))
            try file.syncData()
            truncated = Int64(bytes.count - end)
        }
        var applying: Set<Intent> = []
        var settled: Set<Intent> = []
        var dropped = 0
        for record in records {
            for entry in record.entries {
                if entry.position > head {
                    dropped += 1
                } else if case let .erase(position, id, _) = entry {
                    let intent = Intent(position: position, eventId: id)
                    settled.insert(intent)
                    if try eventId(position) == id { applying.insert(intent) } else { dropped += 1 }
                }
            }
        }
        let texts = TextsFile(directory: directory, file: file, end: Int64(end))
        var kept = records
        if dropped > 0 || !settled.isEmpty {
            kept = rewrite(records, applying: applying, settled: settled, head: head)
            try texts.handle.withLock { try texts.replace(&$0, with: kept) }
        }
        var live: [String: SealedText] = [:]
        for record in kept {
            for case let .text(_, _, text) in record.entries { live[text.ref] = text }
        }
        return Opened(file: texts, live: live, truncatedBytes: truncated, dropped: dropped, applied: applying.count)
    }

    /// The good records of a texts file's `bytes`, and where they end: a bad record is a torn
    /// last write when nothing good follows it, damage otherwise.
    static func records(in bytes: [UInt8], path: String) throws -> ([TextRecord], Int) {
        var records: [TextRecord] = []
        var offset = fileHeader.count
        while offset < bytes.count {
            switch TextRecord.scan(bytes, at: offset) {
            case let .record(record, size):
                records.append(record)
                offset += size
            case let .bad(reason):
                if goodRecordFollows(bytes, after: offset) {
                    throw EventStoreError(
                        .damaged, "\(path): the texts record at byte \(offset) is damaged (\(reason)) and flushed records follow it; refusing to open")
                }
                return (records, offset)
            }
        }
        return (records, offset)
    }

    static var fileHeader: [UInt8] { TextRecord.fileHeader }

    /// Whether a whole, good record starts anywhere after `offset`: it was written after the
    /// record at `offset` was flushed, so that one is damage, not a torn write.
    static func goodRecordFollows(_ bytes: [UInt8], after offset: Int) -> Bool {
        var at = offset + 1
        while at + TextRecord.headerSize <= bytes.count {
            if bytes[at] == TextRecord.magic[0], case .record = TextRecord.scan(bytes, at: at) { return true }
            at += 1
        }
        return false
    }

    /// `records` without the entries of events beyond `head` (when given), without the
    /// `settled` intents, and without every text an `applying` intent erases (those written
    /// at or before its position).
    static func rewrite(_ records: [TextRecord], applying: Set<Intent>, settled: Set<Intent>, head: Int64?) -> [TextRecord] {
        var erasedThrough: [String: Int64] = [:]
        for record in records {
            for case let .erase(position, id, refs) in record.entries where applying.contains(Intent(position: position, eventId: id)) {
                for ref in refs { erasedThrough[ref] = max(erasedThrough[ref] ?? 0, position) }
            }
        }
        return records.compactMap { record in
            let entries = record.entries.filter { entry in
                if let head, entry.position > head { return false }
                switch entry {
                case let .erase(position, id, _): return !settled.contains(Intent(position: position, eventId: id))
                case let .text(position, _, text): return erasedThrough[text.ref].map { position > $0 } ?? true
                }
            }
            return entries.isEmpty ? nil : TextRecord(entries: entries)
        }
    }

    /// Appends one write at the end of the file, unflushed.
    func write(_ record: TextRecord) throws {
        let bytes = record.framed
        try handle.withLock { handle in
            try bytes.withUnsafeBytes { try handle.file.write($0, at: handle.end) }
            handle.end += Int64(bytes.count)
        }
    }

    /// Flushes what ``write(_:)`` put in the file.
    func sync() throws {
        try handle.withLock { try $0.file.syncData() }
    }

    /// Carries out `intents` whose events are flushed in the log: rewrites the file without
    /// them and the texts they erase, into a new file that is flushed and renamed over this
    /// one, so no byte of an erased text stays in any file of the store.
    func compact(applying intents: Set<Intent>) throws {
        try handle.withLock { handle in
            let bytes = try handle.file.read(count: Int(handle.end), at: 0)
            let (records, _) = try Self.records(in: bytes, path: path)
            try replace(&handle, with: Self.rewrite(records, applying: intents, settled: intents, head: nil))
        }
    }

    /// Puts `records` in a new file, flushed, and renames it over the texts file.
    func replace(_ handle: inout Handle, with records: [TextRecord]) throws {
        let temporary = directory + "/" + Self.compactingName
        var bytes = Self.fileHeader
        for record in records { bytes += record.framed }
        let file = try POSIXFile(path: temporary, flags: O_RDWR | O_CREAT | O_TRUNC)
        try bytes.withUnsafeBytes { try file.write($0, at: 0) }
        try file.syncData()
        guard rename(temporary, path) == 0 else { throw POSIXFile.error("rename", temporary) }
        try POSIXFile.syncDirectory(directory)
        handle = Handle(file: file, end: Int64(bytes.count))
    }
}
