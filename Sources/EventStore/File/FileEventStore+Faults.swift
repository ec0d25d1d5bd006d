import Glibc

extension FileEventStore {
    /// Disk failures a test can make the store suffer, to check what callers are told.
    struct InjectedFaults {
        var flush = false
        var writeKeeping: Int?
        var textsFlush = false
        var erasure = false
    }

    /// Makes the next `fdatasync` of the texts file fail with `EIO`.
    package func failNextTextsFlush() {
        faults.withLock { $0.textsFlush = true }
    }

    /// Makes the next rewrite of the texts file that carries out an erasure fail with `EIO`
    /// before its rename, after the erasing append's events are flushed.
    package func failNextErasure() {
        faults.withLock { $0.erasure = true }
    }

    /// Flushes the texts file, unless a test made this flush fail.
    func flushTexts() throws {
        if faults.withLock({ state in defer { state.textsFlush = false }; return state.textsFlush }) {
            throw POSIXFile.error("fdatasync", texts.path, errno: EIO)
        }
        try texts.sync()
    }

    /// Carries out erase intents (``TextsFile/compact(applying:)``), unless a test made this fail.
    func compactTexts(_ intents: Set<TextsFile.Intent>) throws {
        if faults.withLock({ state in defer { state.erasure = false }; return state.erasure }) {
            throw POSIXFile.error("rename", texts.directory + "/" + TextsFile.compactingName, errno: EIO)
        }
        try texts.compact(applying: intents)
    }

    /// Makes the next `fdatasync` of the log fail with `EIO`, as a failing disk does.
    package func failNextFlush() {
        faults.withLock { $0.flush = true }
    }

    /// Makes the next batch's write stop with `EIO` after `keeping` of its bytes are in the
    /// file, and cutting those back fail too, as a failing disk does.
    package func failNextWrite(keeping: Int) {
        faults.withLock { $0.writeKeeping = keeping }
    }

    /// Flushes the log (``POSIXFile/syncData()``), unless a test made this flush fail.
    func flushLog() throws {
        if faults.withLock({ state in defer { state.flush = false }; return state.flush }) {
            throw POSIXFile.error("fdatasync", log.path, errno: EIO)
        }
        try log.syncData()
    }

    /// Writes a batch at `offset`, unless a test made this write fail part-way; then `cut`
    /// is `false`, for the log may not be cut back either.
    func writeBatch(_ bytes: UnsafeRawBufferPointer, at offset: Int64, cut: inout Bool) throws {
        if let keeping = faults.withLock({ state in defer { state.writeKeeping = nil }; return state.writeKeeping }) {
            try log.write(UnsafeRawBufferPointer(rebasing: bytes[0..<min(keeping, bytes.count)]), at: offset)
            cut = false
            throw POSIXFile.error("write", log.path, errno: EIO)
        }
        try log.write(bytes, at: offset)
    }
}
