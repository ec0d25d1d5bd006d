import Glibc

/// A file descriptor with the loops POSIX asks for: short reads and writes continued,
/// `EINTR` retried, every failure turned into an ``EventStoreError`` naming the call.
final class POSIXFile: Sendable {
    let descriptor: Int32
    let path: String

    /// Opens `path` with `flags` (and `mode` when creating).
    /// - Throws: ``EventStoreError`` with the system's reason.
    init(path: String, flags: Int32, mode: mode_t = 0o644) throws {
        var fd: Int32
        repeat { fd = open(path, flags | O_CLOEXEC, mode) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw POSIXFile.error("open", path) }
        self.descriptor = fd
        self.path = path
    }

    deinit { _ = Glibc.close(descriptor) }

    static func error(_ call: String, _ path: String, errno code: Int32 = errno) -> EventStoreError {
        let reason = String(cString: strerror(code))
        let kind: EventStoreError.Code = code == ENOENT ? .unavailable : .io
        return EventStoreError(kind, "\(call) \(path): \(reason)")
    }

    var size: Int64 {
        get throws {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { throw POSIXFile.error("fstat", path) }
            return Int64(info.st_size)
        }
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXFile.error("write", path)
            }
            done += n
        }
    }

    /// Reads exactly `count` bytes at `offset` into `buffer`; fewer only at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXFile.error("read", path)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads `count` bytes at `offset`.
    func read(count: Int, at offset: Int64) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = try bytes.withUnsafeMutableBytes { buffer throws in try read(into: buffer, at: offset) }
        if n < count { bytes.removeLast(count - n) }
        return bytes
    }

    /// Flushes data (and the size) to the device.
    func syncData() throws {
        var result: Int32
        repeat { result = fdatasync(descriptor) } while result < 0 && errno == EINTR
        guard result == 0 else { throw POSIXFile.error("fdatasync", path) }
    }

    /// Gives the file blocks up to `offset + length`, reading as zeros, and grows its size
    /// to match; `false` when the file system refuses (full, or not supported).
    func allocate(from offset: Int64, length: Int64) -> Bool {
        var result: Int32
        repeat { result = posix_fallocate(descriptor, off_t(offset), off_t(length)) } while result == EINTR
        return result == 0
    }

    /// Writes zeros over `offset..<offset + length` in pieces of `piece` bytes. Opened with
    /// `O_DSYNC`, each piece reaches the device before the next is written.
    func writeZeros(from offset: Int64, length: Int64, piece: Int = 1 << 20) throws {
        let zeros = [UInt8](repeating: 0, count: piece)
        var done: Int64 = 0
        while done < length {
            let count = Int(min(Int64(piece), length - done))
            try zeros.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[0..<count]), at: offset + done) }
            done += Int64(count)
        }
    }

    func truncate(to size: Int64) throws {
        var result: Int32
        repeat { result = ftruncate(descriptor, off_t(size)) } while result < 0 && errno == EINTR
        guard result == 0 else { throw POSIXFile.error("ftruncate", path) }
    }

    /// Makes a new directory entry durable.
    static func syncDirectory(_ path: String) throws {
        let directory = try POSIXFile(path: path, flags: O_RDONLY | O_DIRECTORY)
        guard fsync(directory.descriptor) == 0 else { throw POSIXFile.error("fsync", path) }
    }
}
