/// What contract v2 allows in a text param: no control characters, no Unicode
/// non-characters, and a length counted in Unicode scalars (text) or UTF-8 bytes (keys).
///
/// Lengths are never counted in grapheme clusters (`String.count`): one "character" can
/// carry any number of combining marks, so a 300 KB note would count as 1. A scalar is at
/// most 4 UTF-8 bytes, so the scalar limits also cap the bytes: 800 for short text, 16,000
/// for long text.
///
/// Non-characters (U+FDD0–U+FDEF and the last two code points of every plane) are refused
/// too: nobody types them, and U+FFFE/U+FFFF are not even allowed in XML, which the Woo
/// feed will carry these texts in.
package enum TextRule: Sendable {
    /// Ids, `requestId`, cursors, streams, actors, dates, codes: ≤ 128 bytes, no control
    /// character at all.
    case key
    /// Names, titles, topics, locations: ≤ 200 scalars on one line.
    case short
    /// Summary, note, notes, reason, outcome, resolution, decision text: ≤ 4,000 scalars;
    /// tab and newline are allowed.
    case long

    package static let maximumKeyBytes = 128
    package static let maximumShortScalars = 200
    package static let maximumLongScalars = 4000

    /// Why `text` breaks this rule (a phrase that follows the field name), or `nil`.
    package func problem(in text: String) -> String? {
        var scalars = 0
        for scalar in text.unicodeScalars {
            if let name = Self.forbidden(scalar, allowingLayout: self == .long) { return "must not contain \(name)" }
            scalars += 1
        }
        switch self {
        case .key:
            if text.utf8.count > Self.maximumKeyBytes { return "longer than \(Self.maximumKeyBytes) bytes" }
        case .short:
            if scalars > Self.maximumShortScalars { return "longer than \(Self.maximumShortScalars) characters (Unicode scalars)" }
        case .long:
            if scalars > Self.maximumLongScalars { return "longer than \(Self.maximumLongScalars) characters (Unicode scalars)" }
        }
        return nil
    }

    /// The name of a scalar no text may hold (tab and newline are fine in layout text), or `nil`.
    static func forbidden(_ scalar: Unicode.Scalar, allowingLayout: Bool) -> String? {
        let value = scalar.value
        if value < 0x20 || value == 0x7F {
            if allowingLayout && (value == 0x09 || value == 0x0A) { return nil }
            return "control character \(hex(value))"
        }
        if (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE { return "non-character \(hex(value))" }
        return nil
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
