import Glibc

/// The exclusive lock that makes one process the only writer of a file store.
///
/// `flock` on `<dir>/lock`, released by the kernel when the holder dies (also on
/// `kill -9`), with the holder's pid written inside so a second process can say who
/// holds it.
final class DirectoryLock: Sendable {
    let file: POSIXFile

    /// Takes the lock of `directory` or fails at once.
    /// - Throws: ``EventStoreError/Code/locked`` naming the holder's pid.
    init(directory: String) throws {
        let path = directory + "/lock"
        file = try POSIXFile(path: path, flags: O_RDWR | O_CREAT, mode: 0o644)
        if flock(file.descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK else { throw POSIXFile.error("flock", path, errno: code) }
            let holder = (try? file.read(count: 32, at: 0)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let pid = holder.split(separator: "\n").first.map(String.init) ?? "unknown"
            throw EventStoreError(.locked, "the store \(directory) is in use by another process (pid \(pid))")
        }
        let pid = Array("\(getpid())\n".utf8)
        try file.truncate(to: 0)
        try pid.withUnsafeBytes { bytes throws in try file.write(bytes, at: 0) }
    }

    func release() {
        _ = flock(file.descriptor, LOCK_UN)
    }
}
