import Events

/// Parameters in PostgreSQL's binary wire format: one-dimensional arrays of `bigint`,
/// `text`, `bytea` and `timestamptz`, and a lone `bytea`.
///
/// Why: the writer sends a batch as one array per column. As text literals, the server
/// parsed every element with `array_in` (a sixth of the writer's backend time at 64
/// clients) and the writer escaped every quote of every canonical JSON document. In binary
/// each element is its length and its bytes.
enum PostgresBinary {
    /// The element types' OIDs, fixed in PostgreSQL's catalogue (`pg_type`).
    enum ElementType: UInt32 {
        case bigint = 20
        case text = 25
        case bytea = 17
        case timestamptz = 1184
    }

    /// A `bigint[]`.
    static func array(_ numbers: [Int64]) -> [UInt8] {
        var out = header(.bigint, count: numbers.count, hasNull: false, elementBytes: 8 * numbers.count)
        for number in numbers {
            put(UInt32(8), into: &out)
            put(number, into: &out)
        }
        return out
    }

    /// A `text[]`; `nil` is SQL NULL.
    static func array(_ texts: [String?]) -> [UInt8] {
        let size = texts.reduce(0) { $0 + ($1?.utf8.count ?? 0) }
        var out = header(.text, count: texts.count, hasNull: texts.contains { $0 == nil }, elementBytes: size)
        for text in texts {
            guard var text else {
                put(Int32(-1), into: &out)
                continue
            }
            text.withUTF8 { utf8 in
                put(UInt32(utf8.count), into: &out)
                out.append(contentsOf: utf8)
            }
        }
        return out
    }

    /// A `bytea[]`.
    static func array(bytes: [[UInt8]]) -> [UInt8] {
        array(of: .bytea, raw: bytes)
    }

    /// A `text[]` of texts already encoded as UTF-8.
    static func array(utf8: [[UInt8]]) -> [UInt8] {
        array(of: .text, raw: utf8)
    }

    /// Elements whose binary form is their bytes as they are.
    static func array(of type: ElementType, raw elements: [[UInt8]]) -> [UInt8] {
        var out = header(type, count: elements.count, hasNull: false, elementBytes: elements.reduce(0) { $0 + $1.count })
        for element in elements {
            put(UInt32(element.count), into: &out)
            out.append(contentsOf: element)
        }
        return out
    }

    /// A `timestamptz[]`: microseconds since 2000-01-01T00:00:00Z, PostgreSQL's epoch.
    static func array(_ times: [Timestamp]) -> [UInt8] {
        var out = header(.timestamptz, count: times.count, hasNull: false, elementBytes: 8 * times.count)
        for time in times {
            put(UInt32(8), into: &out)
            put((time.millisecondsSinceEpoch - 946_684_800_000) * 1000, into: &out)
        }
        return out
    }

    /// One dimension of `count` elements with lower bound 1; each element then follows as
    /// its length (-1 for NULL) and its bytes.
    static func header(_ type: ElementType, count: Int, hasNull: Bool, elementBytes: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20 + 4 * count + elementBytes)
        for word in [UInt32(1), hasNull ? 1 : 0, type.rawValue, UInt32(count), 1] { put(word, into: &out) }
        return out
    }

    static func put<Word: FixedWidthInteger>(_ word: Word, into out: inout [UInt8]) {
        withUnsafeBytes(of: word.bigEndian) { out.append(contentsOf: $0) }
    }
}
