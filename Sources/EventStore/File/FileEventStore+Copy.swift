import Glibc

extension FileEventStore {
    /// Copies the log of the store in `directory` into `target` as far as the log holds whole
    /// batches, also while another process appends to it, and makes the copy durable.
    ///
    /// Why not `cp`: a batch read while the writer is still putting it in the file is torn in
    /// the copy, and when later batches are complete by the time the copy reaches them, the
    /// copy reads as damaged in the middle and refuses to open. Here every byte copied was
    /// first read as part of a whole batch, and no byte below the end of a whole batch is
    /// ever rewritten. So the copy holds every event acknowledged before it began, and at
    /// most a few batches that were whole in the file but not yet flushed; the source is
    /// flushed before anything is copied, so those are on its disk too, and the copy holds
    /// no event that a power cut could still take from the store.
    ///
    /// The texts file (``TextsFile``) is copied after the log, as far as it holds whole
    /// records. The writer flushes a batch's texts before it writes the batch to the log, so
    /// the copy holds the texts of every event the log copy holds; texts of later events
    /// that it may hold too are dropped when the copy is opened.
    ///
    /// ```swift
    /// let copied = try FileEventStore.copyLog(from: "/var/lib/tafel", to: "/backup/tafel-2026-12-04")
    /// ```
    ///
    /// - Parameters:
    ///   - directory: a store's directory; its lock is not taken.
    ///   - target: a directory without a log (made when missing; its parent must exist).
    /// - Returns: how many events and bytes of the log were copied (the texts file's bytes not counted).
    /// - Throws: ``EventStoreError``: `damaged` (the source is damaged before acknowledged
    ///   records, with the position), `unavailable` (no log, or `target` already holds one), `io`.
    package static func copyLog(from directory: String, to target: String) throws -> (events: Int64, bytes: Int64) {
        let sourcePath = directory + "/" + logName
        guard access(sourcePath, F_OK) == 0 else { throw EventStoreError(.unavailable, "no event log in \(directory)") }
        let source = try POSIXFile(path: sourcePath, flags: O_RDONLY)
        let end = try wholeBatchesEnd(of: source)
        try source.syncData()
        try prepareDirectory(target, create: true)
        let targetPath = target + "/" + logName
        guard access(targetPath, F_OK) != 0 else {
            throw EventStoreError(.unavailable, "\(target) already holds a log; copy into a new directory")
        }
        let partial = targetPath + ".partial"
        let copy = try POSIXFile(path: partial, flags: O_WRONLY | O_CREAT | O_TRUNC)
        var offset: Int64 = 0
        while offset < end.bytes {
            let chunk = try source.read(count: Int(min(Int64(LogScanner.chunk), end.bytes - offset)), at: offset)
            guard !chunk.isEmpty else { throw EventStoreError(.io, "\(sourcePath) became shorter while it was copied") }
            try chunk.withUnsafeBytes { bytes throws in try copy.write(bytes, at: offset) }
            offset += Int64(chunk.count)
        }
        try copy.syncData()
        try copyTexts(from: directory, to: target)
        guard rename(partial, targetPath) == 0 else { throw POSIXFile.error("rename", partial) }
        try POSIXFile.syncDirectory(target)
        return end
    }

    /// Copies the whole records of the texts file of `directory` into `target`, flushed and
    /// renamed into place (the caller flushes the directory). Read through one descriptor, so
    /// a rewrite that erases texts meanwhile (a rename over the file) is seen entirely or not at all.
    static func copyTexts(from directory: String, to target: String) throws {
        let sourcePath = directory + "/" + TextsFile.name
        guard access(sourcePath, F_OK) == 0 else { return }
        let source = try POSIXFile(path: sourcePath, flags: O_RDONLY)
        let bytes = try source.read(count: Int(try source.size), at: 0)
        guard bytes.count >= TextRecord.fileHeader.count else { return }
        let (_, end) = try TextsFile.records(in: bytes, path: sourcePath)
        let targetPath = target + "/" + TextsFile.name
        let partial = targetPath + ".partial"
        let copy = try POSIXFile(path: partial, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try bytes.withUnsafeBytes { try copy.write(UnsafeRawBufferPointer(rebasing: $0[0..<end]), at: 0) }
        try copy.syncData()
        guard rename(partial, targetPath) == 0 else { throw POSIXFile.error("rename", partial) }
    }

    /// Where the whole batches of a log that may be growing end. A batch read while it was
    /// being written may look torn while later ones already prove it flushed, which reads
    /// as damage; it is read again from there, and only damage found at the same place
    /// twice counts. The file's size when the copy began bounds the reading.
    static func wholeBatchesEnd(of log: POSIXFile) throws -> (events: Int64, bytes: Int64) {
        let header = try log.read(count: RecordFrame.fileHeader.count, at: 0)
        let legacy = header == RecordFrame.legacyFileHeader
        guard legacy || header == RecordFrame.fileHeader else {
            throw EventStoreError(.damaged, "\(log.path) is not a Tafel event log (bad header)", position: 1)
        }
        var scanner = LogScanner(log: log, fileSize: try log.size, legacy: legacy)
        var previous: Int64?
        while true {
            do {
                _ = try scanner.run()
                return (scanner.index.tail.position, scanner.index.endOffset)
            } catch let error as EventStoreError where error.code == .damaged {
                guard let stop = scanner.lastStop, stop.start != previous else { throw error }
                previous = stop.start
                scanner.rewind(to: stop.start)
            }
        }
    }
}
