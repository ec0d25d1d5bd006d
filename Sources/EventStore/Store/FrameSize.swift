import Events

/// The length of canonical JSON without building it, for ``AppendRequest/maximumFrameBytes``:
/// validation runs on a store's single writer, where encoding every body twice would cost
/// every append.
enum FrameSize {
    /// The envelope's keys, punctuation, time, and the longest position, version and schema
    /// version: an upper bound, so that a frame the check passes is never larger than the cap.
    static let envelopeOverhead = 260

    /// The canonical length of `value`, or `nil` when a string or key in it holds U+0000.
    static func json(_ value: JSONValue) -> Int? {
        switch value {
        case .null, .bool(true): return 4
        case .bool(false): return 5
        case let .int(number): return String(number).utf8.count
        case .double:
            var out: [UInt8] = []
            value.writeCanonical(into: &out)
            return out.count
        case let .string(text): return text.utf8.contains(0) ? nil : string(text)
        case let .array(elements):
            var total = 1 + max(elements.count, 1)
            for element in elements {
                guard let size = json(element) else { return nil }
                total += size
            }
            return total
        case let .object(members):
            var total = 1 + max(members.count, 1)
            for (key, member) in members {
                guard !key.utf8.contains(0), let size = json(member) else { return nil }
                total += string(key) + 1 + size
            }
            return total
        }
    }

    /// The canonical length of a JSON string: quotes, and two or six bytes per escaped byte.
    static func string(_ text: String) -> Int {
        var total = 2
        for byte in text.utf8 {
            switch byte {
            case 0x22, 0x5C, 0x08, 0x09, 0x0A, 0x0C, 0x0D: total += 2
            case 0..<0x20: total += 6
            default: total += 1
            }
        }
        return total
    }
}
