extension JSONValue {
    /// The canonical encoding: object members sorted by the UTF-16 code units of their
    /// names (as RFC 8785 does), no insignificant white space, strings escaped minimally.
    ///
    /// This is the byte form that the hash chain covers, so it must never change for a
    /// value once events have been written with it.
    package var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        writeCanonical(into: &out)
        return out
    }

    /// ``canonicalBytes`` as a `String`.
    package var canonicalString: String {
        String(decoding: canonicalBytes, as: UTF8.self)
    }

    /// Appends the canonical encoding to `out`.
    package func writeCanonical(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(true): out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        case .bool(false): out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .double(d): JSONValue.writeDouble(d, into: &out)
        case let .string(s): JSONValue.writeString(s, into: &out)
        case .array, .object:
            // One walk of containers for both encoders: with no limit it never stops early.
            _ = writeCanonical(into: &out, limit: .max)
        }
    }

    static func isSorted(_ members: [(String, JSONValue)]) -> Bool {
        var index = 1
        while index < members.count {
            if !precedes(members[index - 1].0, members[index].0) { return false }
            index += 1
        }
        return true
    }

    /// RFC 8785 member order: lexicographic over UTF-16 code units.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var left = a.utf16.makeIterator()
        var right = b.utf16.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): if x != y { return x < y }
            }
        }
    }

    static func writeDouble(_ d: Double, into out: inout [UInt8]) {
        guard d.isFinite else {
            // JSON has no NaN or infinity; null is what JSON.stringify writes for them.
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        out.append(contentsOf: "\(d)".utf8)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a canonical JSON string.
    package static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                writeEscape(byte, into: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    static func writeEscape(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default:
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}

extension JSONValue {
    /// ``canonicalBytes``, or `nil` as soon as they pass `limit` bytes: an answer too large to
    /// send is found out without encoding all of it.
    package func canonicalBytes(limit: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(Swift.min(256, Swift.max(0, limit)))
        guard writeCanonical(into: &out, limit: limit) else { return nil }
        return out
    }

    /// The same bytes as ``writeCanonical(into:)``; false once `out` holds more than `limit`.
    func writeCanonical(into out: inout [UInt8], limit: Int) -> Bool {
        switch self {
        case let .array(elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard element.writeCanonical(into: &out, limit: limit) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            out.append(UInt8(ascii: "{"))
            let sorted = JSONValue.isSorted(members) ? members : members.sorted { JSONValue.precedes($0.0, $1.0) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.0, into: &out)
                out.append(UInt8(ascii: ":"))
                guard member.1.writeCanonical(into: &out, limit: limit) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        default:
            writeCanonical(into: &out)
        }
        return out.count <= limit
    }
}
