import Dispatch
import Events
import Glibc
import Synchronization

/// The file store's read log: `reads.log` beside `events.log`, in the directory the store
/// has locked. Records are framed like the event log (``RecordFrame``: length, CRC-32C,
/// both hashes, the canonical record), so a torn tail is told from a good record and cut on
/// open; damage before the last record is refused.
///
/// Only offsets and the sequences of each dossier and actor stay in memory; records are read
/// from the file when asked for. I/O runs on a serial queue, never on the cooperative pool.
package final class FileReadLog: ReadLog, @unchecked Sendable {
    static let fileName = "reads.log"
    static let fileHeader: [UInt8] = Array("TAFEL-READS v1\n\0".utf8)

    struct Index {
        /// Offset and size of each frame; record `n` at `n - 1`.
        var frames: [(offset: Int64, size: Int)] = []
        var byDossier: [String: [Int64]] = [:]
        var byActor: [String: [Int64]] = [:]
        var lastHash = HashChain.genesis
        var end: Int64 = Int64(FileReadLog.fileHeader.count)

        mutating func add(_ record: ReadRecord, offset: Int64, size: Int) {
            frames.append((offset, size))
            for id in record.dossierIds { byDossier[id, default: []].append(record.sequence) }
            byActor[record.actor, default: []].append(record.sequence)
            end = offset + Int64(size)
        }
    }

    let file: POSIXFile
    let queue = DispatchQueue(label: "tafel.reads.file")
    /// Touched only on ``queue``.
    var index = Index()
    /// Bytes cut from a torn tail on open (0 when the file ended cleanly).
    package let truncatedBytes: Int64

    /// Opens (creating when missing) `reads.log` in `directory`, the directory of an open
    /// ``FileEventStore`` (whose lock keeps other processes out).
    package static func open(directory: String) throws -> FileReadLog {
        let path = directory + "/" + fileName
        let created = access(path, F_OK) != 0
        let file = try POSIXFile(path: path, flags: O_RDWR | O_CREAT)
        if try created || file.size == 0 {
            try fileHeader.withUnsafeBytes { try file.write($0, at: 0) }
            try file.syncData()
            try POSIXFile.syncDirectory(directory)
        }
        return try FileReadLog(file: file)
    }

    init(file: POSIXFile) throws {
        self.file = file
        let size = try file.size
        let bytes = try file.read(count: Int(size), at: 0)
        guard bytes.starts(with: Self.fileHeader) else { throw EventStoreError(.damaged, "\(file.path) is not a Tafel read log") }
        var index = Index()
        var offset = Self.fileHeader.count
        var cut: Int64 = 0
        try bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                switch Self.scan(buffer, at: offset) {
                case let .record(record, size):
                    guard record.sequence == Int64(index.frames.count) + 1 else {
                        throw EventStoreError(.damaged, "\(file.path): record \(record.sequence) where \(index.frames.count + 1) was expected")
                    }
                    index.lastHash = Hex.decode(record.hash) ?? HashChain.genesis
                    index.add(record, offset: Int64(offset), size: size)
                    offset += size
                case .incomplete:
                    cut = Int64(buffer.count - offset)
                    offset = buffer.count
                case let .bad(reason, next):
                    if let next, case .record = Self.scan(buffer, at: next) {
                        throw EventStoreError(.damaged, "\(file.path): the record at byte \(offset) is damaged (\(reason)) and good records follow")
                    }
                    cut = Int64(buffer.count - offset)
                    offset = buffer.count
                }
            }
        }
        if cut > 0 {
            try file.truncate(to: index.end)
            try file.syncData()
        }
        self.index = index
        truncatedBytes = cut
    }

    enum Scan {
        case record(ReadRecord, size: Int)
        case incomplete
        /// A bad frame, and where the next one would start if its length can be trusted.
        case bad(String, next: Int?)
    }

    static func scan(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Scan {
        let header = RecordFrame.headerSize
        guard bytes.count - offset >= header else { return .incomplete }
        let length = Int(RecordFrame.readLittleEndian(bytes, at: offset))
        if length <= RecordFrame.hashesSize || length > RecordFrame.maximumPayload { return .bad("frame length \(length) is out of range", next: nil) }
        guard bytes.count - offset - header >= length else { return .incomplete }
        let next = offset + header + length
        let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + header)..<next])
        guard CRC32C.checksum(payload) == RecordFrame.readLittleEndian(bytes, at: offset + 4) else { return .bad("checksum mismatch", next: next) }
        do {
            let record = try ReadRecord(
                canonical: Array(payload[RecordFrame.hashesSize...]), previousHash: Hex.encode(payload[0..<32]), hash: Hex.encode(payload[32..<64]))
            return .record(record, size: header + length)
        } catch {
            return .bad("payload is not a read record: \(error)", next: next)
        }
    }

    func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    package func append(_ records: [ReadRecord]) async throws -> [ReadRecord] {
        guard !records.isEmpty else { return [] }
        return try await onQueue { [self] in
            var sealed = records
            var bytes: [UInt8] = []
            var previous = index.lastHash
            var sizes: [Int] = []
            for position in sealed.indices {
                let start = bytes.count
                let (hash, canonical) = sealed[position].seal(sequence: Int64(index.frames.count + position + 1), after: previous)
                RecordFrame.append(previousHash: previous, hash: hash, canonical: canonical, to: &bytes)
                sizes.append(bytes.count - start)
                previous = hash
            }
            let start = index.end
            do {
                try bytes.withUnsafeBytes { try file.write($0, at: start) }
                try file.syncData()
            } catch {
                // Nothing of this batch counts: the next one overwrites whatever reached the file.
                try? file.truncate(to: start)
                throw error
            }
            var offset = start
            for (record, size) in zip(sealed, sizes) {
                index.add(record, offset: offset, size: size)
                offset += Int64(size)
            }
            index.lastHash = previous
            return sealed
        }
    }

    func read(sequence: Int64) throws -> ReadRecord {
        let frame = index.frames[Int(sequence - 1)]
        let bytes = try file.read(count: frame.size, at: frame.offset)
        return try bytes.withUnsafeBytes { buffer in
            guard case let .record(record, _) = Self.scan(buffer, at: 0) else {
                throw EventStoreError(.damaged, "\(file.path): the record \(sequence) no longer reads")
            }
            return record
        }
    }

    package func records(after sequence: Int64, limit: Int) async throws -> [ReadRecord] {
        try await onQueue { [self] in
            let first = max(sequence, 0) + 1
            let last = min(Int64(index.frames.count), first + Int64(max(limit, 0)) - 1)
            guard first <= last else { return [] }
            return try (first...last).map { try read(sequence: $0) }
        }
    }

    package func records(matching selection: ReadSelection, from: Timestamp?, until: Timestamp?, after: Int64, limit: Int) async throws
        -> [ReadRecord]
    {
        try await onQueue { [self] in
            let sequences: [Int64]
            switch selection {
            case let .dossier(id): sequences = index.byDossier[id] ?? []
            case let .actor(id): sequences = index.byActor[id] ?? []
            }
            var low = 0
            var high = sequences.count
            while low < high {
                let middle = (low + high) / 2
                if sequences[middle] <= after { low = middle + 1 } else { high = middle }
            }
            var found: [ReadRecord] = []
            for sequence in sequences[low...] where found.count < limit {
                let record = try read(sequence: sequence)
                if let from, record.startTime < from { continue }
                if let until, record.startTime > until { continue }
                found.append(record)
            }
            return found
        }
    }

    package func close() async {}
}
