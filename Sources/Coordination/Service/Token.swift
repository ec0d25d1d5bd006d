import Events
import Glibc

/// Bearer tokens: 256 random bits as 43 characters of base64url, shown once; only their
/// SHA-256 (hex) is ever stored, in `PrincipalRegistered`.
package enum Token {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// A fresh random token.
    package static func generate() -> String {
        var bytes = [UInt8](repeating: 0, count: 33)
        bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, 33) }
        var out: [UInt8] = []
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in stride(from: 18, through: 0, by: -6) { out.append(alphabet[Int((chunk >> UInt32(shift)) & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The stored form of a token.
    package static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(Array(token.utf8)))
    }
}
