import Glibc
import Synchronization

/// Random (version 4) UUIDs in lower case, the form of `eventId` and generated ids.
///
/// Written here rather than taken from Foundation's `UUID` because that one formats with
/// `printf` and showed up in append profiles; this one takes 16 bytes from the system's
/// secure generator and formats them directly.
public enum EventId {
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
    public static func random() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes.withUnsafeMutableBytes { buffer in pool.withLock { $0.take(16, into: buffer) } }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        var text: [UInt8] = []
        text.reserveCapacity(36)
        let digits = Array("0123456789abcdef".utf8)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
