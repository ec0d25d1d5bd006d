import Glibc

/// The machine's raw rate of small `write` + `fdatasync`, the ceiling a one-writer durable
/// log can reach on that file system; benchmarks report against it.
enum FsyncBaseline {
    /// Writes 300-byte records with a flush after each for about one second.
    /// - Parameter preallocated: write into zero-written blocks the file was given beforehand, as the
    ///   file store does, instead of growing the file with every record.
    static func measure(directory: String, preallocated: Bool = false, seconds: Double = 1.0) throws -> Double {
        let path = "\(directory)/.tafel-fsync-baseline-\(getpid())"
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CLIError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer {
            close(fd)
            unlink(path)
        }
        if preallocated {
            let zeros = [UInt8](repeating: 0, count: 1 << 20)
            for _ in 0..<64 {
                guard zeros.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) == zeros.count else {
                    throw CLIError("cannot preallocate \(path): \(String(cString: strerror(errno)))")
                }
            }
            guard fdatasync(fd) == 0, lseek(fd, 0, SEEK_SET) == 0 else { throw CLIError("cannot preallocate \(path)") }
        }
        let record = [UInt8](repeating: 0x61, count: 300)
        let start = MonotonicClock.now()
        var count = 0
        var elapsed = 0.0
        while elapsed < seconds || count < 200 {
            let written = record.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            guard written == record.count, fdatasync(fd) == 0 else {
                throw CLIError("baseline write failed: \(String(cString: strerror(errno)))")
            }
            count += 1
            elapsed = Double(MonotonicClock.now() - start) / 1e9
        }
        return Double(count) / elapsed
    }
}
