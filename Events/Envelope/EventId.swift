import Glibc
import Synchronization

/// Random (version 4) UUIDs in lower case, the form of `eventId` and generated ids.
///
/// Written here rather than taken from Foundation's `UUID` because that one formats with
/// `printf` and showed up in append profiles; this one takes 16 bytes from the system's
/// secure generator and formats them directly.
package enum EventId {
    /// Bytes from the system's generator, drawn 4 KiB at a time: glibc 2.36 (Debian 12)
    /// makes one `getrandom` system call per `arc4random_buf` call, and every append drew
    /// two ids. Ids are unique, not secret (tokens draw their own bytes).
    struct Pool {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var used = 4096

        mutating func take(_ count: Int, into target: UnsafeMutableRawBufferPointer) {
            if used + count > bytes.count {
                bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
                used = 0
            }
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[used..<used + count]))
            }
            used += count
        }
    }

    static let pool = Mutex(Pool())

    /// A fresh random UUID, e.g. `3f2b8c1e-9d4a-4e7b-8f10-2a6c5d9e0b17`.
    ///
    /// Formatted straight into the string's storage: every append draws ids, and building
    /// them through byte arrays cost four allocations each.
    package static func random() -> String {
        var raw: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &raw) { bytes in
            pool.withLock { $0.take(16, into: bytes) }
            bytes[6] = bytes[6] & 0x0F | 0x40
            bytes[8] = bytes[8] & 0x3F | 0x80
            return String(unsafeUninitializedCapacity: 36) { text in
                var at = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    text[at] = Hex.hexDigit(bytes[index] >> 4)
                    text[at + 1] = Hex.hexDigit(bytes[index] & 0x0F)
                    at += 2
                }
                return at
            }
        }
    }
}
