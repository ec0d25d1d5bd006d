import Glibc

/// Random (version 4) UUIDs in lower case, the form of `eventId` and generated ids.
///
/// Written here rather than taken from Foundation's `UUID` because that one formats with
/// `printf` and showed up in append profiles; this one draws 16 bytes from the system's
/// secure generator and formats them directly.
public enum EventId {
    /// A fresh random UUID, e.g. `3f2b8c1e-9d4a-4e7b-8f10-2a6c5d9e0b17`.
    public static func random() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes.withUnsafeMutableBytes { buffer in
            // glibc's arc4random_buf draws from the kernel's generator without one system call per value.
            arc4random_buf(buffer.baseAddress!, 16)
        }
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
