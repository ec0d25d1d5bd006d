/// A strict RFC 8259 parser from UTF-8 bytes to ``JSONValue``.
///
/// It exists because every read of the log parses JSON, so its speed bounds replay; and
/// because hashing needs integers kept apart from doubles, which `JSONSerialization`
/// does not promise. Nesting is limited so that no input can exhaust the stack, and
/// ``Limits`` bound the memory a parse may take, so that no request can exhaust the heap.
package struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    package static let maximumDepth = 128

    /// Parses one JSON text; anything but white space after it is an error.
    /// - Throws: ``JSONParseError`` naming the byte offset of the first fault.
    package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in try parse(buffer: buffer) }
    }

    /// Parses one JSON text within `limits`, and tells what the parse cost.
    /// - Throws: ``JSONParseError``; its `code` says whether the text or a limit stopped it.
    package static func parse(
        _ bytes: [UInt8], limits: Limits, statistics: inout Statistics
    ) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            try parse(buffer: buffer, limits: limits, statistics: &statistics)
        }
    }

    /// Parses any collection of bytes (copied into an array first).
    package static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(JSONParseError) in try parse(buffer: buffer) }
    }

    /// Parses bytes in place, without copying them first.
    package static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        try parse(buffer: bytes.bindMemory(to: UInt8.self))
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var statistics = Statistics()
        return try parse(buffer: buffer, limits: .none, statistics: &statistics)
    }

    static func parse(
        buffer: UnsafeBufferPointer<UInt8>, limits: Limits, statistics: inout Statistics
    ) throws(JSONParseError) -> JSONValue {
        var parser = Reader(buffer: buffer, limits: limits)
        defer { statistics = parser.statistics }
        return try parser.parseDocument()
    }

    /// ``parse(_:limits:statistics:)`` for a JSON-RPC body, with the exact text of every
    /// number given as the `id` member of a request object (the root object, key 0, or an
    /// object element of a root array, keyed by its index). JSON-RPC echoes ids exactly, and a
    /// number read as `Int64` or `Double` loses its spelling (`1e2`, `1e400`, thirty digits).
    package static func parseRequest(
        _ bytes: [UInt8], limits: Limits, statistics: inout Statistics
    ) throws(JSONParseError) -> (value: JSONValue, idTexts: [Int: String]) {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var parser = Reader(buffer: buffer, limits: limits)
            parser.idTexts = [:]
            defer { statistics = parser.statistics }
            let value = try parser.parseDocument()
            return (value, parser.idTexts ?? [:])
        }
    }

    /// Parses the UTF-8 bytes of `text`.
    package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    struct Reader: ~Copyable {
        let buffer: UnsafeBufferPointer<UInt8>
        var index = 0
        let maximumBytes: Int
        let maximumRootElements: Int
        var statistics = Statistics()
        var elements = ParseStack<JSONValue>(spare: .elements)
        var members = ParseStack<(String, JSONValue)>(spare: .members)
        /// The texts of request ids by request index; `nil`: not asked for (log reads).
        var idTexts: [Int: String]?
        var rootIsArray = false

        init(buffer: UnsafeBufferPointer<UInt8>, limits: Limits = .none) {
            self.buffer = buffer
            self.maximumBytes = limits.maximumBytes ?? Int.max
            self.maximumRootElements = limits.maximumRootElements ?? Int.max
        }

        mutating func parseDocument() throws(JSONParseError) -> JSONValue {
            skipWhitespace()
            rootIsArray = index < buffer.count && buffer[index] == UInt8(ascii: "[")
            let value = try parseValue(depth: 0)
            skipWhitespace()
            if index != buffer.count { throw fail("unexpected data after the JSON value") }
            return value
        }

        func fail(_ reason: String) -> JSONParseError {
            JSONParseError(offset: index, reason: reason)
        }

        /// Counts `bytes` about to be allocated against the budget, before allocating them.
        mutating func charge(_ bytes: Int) throws(JSONParseError) {
            if bytes > maximumBytes - statistics.allocatedBytes {
                throw JSONParseError(
                    offset: index, reason: "the values would take more than \(maximumBytes) bytes of memory", code: .tooLarge)
            }
            statistics.allocatedBytes += bytes
        }

        mutating func skipWhitespace() {
            while index < buffer.count {
                switch buffer[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
            guard index < buffer.count else { throw fail("unexpected end of input") }
            statistics.values += 1
            switch buffer[index] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw fail("unexpected character")
            }
        }

        mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
            let count = literal.utf8CodeUnitCount
            guard index + count <= buffer.count else { throw fail("unexpected end of input") }
            let start = literal.utf8Start
            for offset in 0..<count where buffer[index + offset] != start[offset] {
                throw fail("invalid literal")
            }
            index += count
        }

        mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
            if depth > JSONParser.maximumDepth { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
            index += 1
            let start = members.count
            skipWhitespace()
            if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
                index += 1
                return .object([])
            }
            while true {
                skipWhitespace()
                guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else {
                    throw fail("expected a member name")
                }
                let name = try parseString()
                skipWhitespace()
                guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                index += 1
                skipWhitespace()
                let valueStart = index
                let value = try parseValue(depth: depth)
                if idTexts != nil, depth == (rootIsArray ? 2 : 1), name == "id", isNumberStart(buffer[valueStart]) {
                    try charge(JSONParser.blockOverhead + index - valueStart)
                    let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[valueStart..<index]), as: UTF8.self)
                    idTexts?[rootIsArray ? elements.count : 0] = text
                }
                if members.isFull { try charge(members.bytesAfterGrowth) }
                members.push((name, value))
                skipWhitespace()
                guard index < buffer.count else { throw fail("unexpected end of input") }
                if buffer[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if buffer[index] == UInt8(ascii: "}") {
                    index += 1
                    try charge(JSONParser.blockOverhead + (members.count - start) * MemoryLayout<(String, JSONValue)>.stride)
                    return .object(members.pop(from: start))
                }
                throw fail("expected ',' or '}'")
            }
        }

        mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
            if depth > JSONParser.maximumDepth { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
            index += 1
            let start = elements.count
            // Only the top-level array is a batch; deeper ones are only bound by the budget.
            let maximumCount = depth == 1 ? maximumRootElements : Int.max
            skipWhitespace()
            if index < buffer.count, buffer[index] == UInt8(ascii: "]") {
                index += 1
                return .array([])
            }
            while true {
                skipWhitespace()
                if elements.count - start >= maximumCount {
                    throw JSONParseError(
                        offset: index, reason: "more than \(maximumCount) elements in the top-level array", code: .tooManyRootElements)
                }
                let element = try parseValue(depth: depth)
                if elements.isFull { try charge(elements.bytesAfterGrowth) }
                elements.push(element)
                skipWhitespace()
                guard index < buffer.count else { throw fail("unexpected end of input") }
                if buffer[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if buffer[index] == UInt8(ascii: "]") {
                    index += 1
                    try charge(JSONParser.blockOverhead + (elements.count - start) * MemoryLayout<JSONValue>.stride)
                    return .array(elements.pop(from: start))
                }
                throw fail("expected ',' or ']'")
            }
        }

        mutating func parseNumber() throws(JSONParseError) -> JSONValue {
            let start = index
            var isInteger = true
            if buffer[index] == UInt8(ascii: "-") { index += 1 }
            guard index < buffer.count else { throw fail("unexpected end of number") }
            if buffer[index] == UInt8(ascii: "0") {
                index += 1
            } else if isDigit(buffer[index]) {
                while index < buffer.count, isDigit(buffer[index]) { index += 1 }
            } else {
                throw fail("expected a digit")
            }
            if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard index < buffer.count, isDigit(buffer[index]) else { throw fail("expected a digit after '.'") }
                while index < buffer.count, isDigit(buffer[index]) { index += 1 }
            }
            if index < buffer.count, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard index < buffer.count, isDigit(buffer[index]) else { throw fail("expected an exponent digit") }
                while index < buffer.count, isDigit(buffer[index]) { index += 1 }
            }
            if isInteger, index - start <= 18 {
                // At most eighteen characters cannot overflow: summed in place, no text made.
                var offset = start
                let negative = buffer[offset] == UInt8(ascii: "-")
                if negative { offset += 1 }
                var value: Int64 = 0
                while offset < index {
                    value = value &* 10 &+ Int64(buffer[offset] &- 0x30)
                    offset += 1
                }
                return .int(negative ? -value : value)
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
            if isInteger, let integer = Int64(text) { return .int(integer) }
            guard let double = Double(text) else { throw JSONParseError(offset: start, reason: "number out of range") }
            return .double(double)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        func isNumberStart(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || isDigit(byte) }

        mutating func parseString() throws(JSONParseError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes; the bytes are copied once and validated as UTF-8 (an
            // all-ASCII string needs no validation, and is by far the common case).
            var ascii = true
            // Eight bytes at a time while none of them is a quote, a backslash, a control
            // character or part of a multi-byte character: the bulk of ids and hashes.
            if let base = buffer.baseAddress {
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                while index + 8 <= buffer.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let quote = word ^ (ones &* 0x22)
                    let backslash = word ^ (ones &* 0x5C)
                    let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20) | word
                    if special & highs != 0 { break }
                    index += 8
                }
            }
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: buffer[start..<index])
                    // Up to fifteen UTF-8 bytes live inside the String itself; longer ones take a block.
                    if slice.count > 15 { try charge(JSONParser.blockOverhead + slice.count) }
                    index += 1
                    if ascii {
                        return String(unsafeUninitializedCapacity: slice.count) { target in
                            _ = target.initialize(from: slice)
                            return slice.count
                        }
                    }
                    guard let s = String(validating: slice, as: UTF8.self) else {
                        throw JSONParseError(offset: start, reason: "string is not valid UTF-8")
                    }
                    return s
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw fail("control character in string") }
                if byte >= 0x80 { ascii = false }
                index += 1
            }
            var bytes = Array(UnsafeBufferPointer(rebasing: buffer[start..<index]))
            while index < buffer.count {
                let byte = buffer[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    if bytes.count > 15 { try charge(JSONParser.blockOverhead + bytes.count) }
                    guard let s = String(validating: bytes, as: UTF8.self) else {
                        throw JSONParseError(offset: start, reason: "string is not valid UTF-8")
                    }
                    return s
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < buffer.count else { throw fail("unexpected end of input") }
                    let escape = buffer[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): bytes.append(0x22)
                    case UInt8(ascii: "\\"): bytes.append(0x5C)
                    case UInt8(ascii: "/"): bytes.append(0x2F)
                    case UInt8(ascii: "b"): bytes.append(0x08)
                    case UInt8(ascii: "f"): bytes.append(0x0C)
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "u"): try appendUnicodeEscape(into: &bytes)
                    default: throw fail("invalid escape")
                    }
                default:
                    if byte < 0x20 { throw fail("control character in string") }
                    bytes.append(byte)
                    index += 1
                }
            }
            throw fail("unterminated string")
        }

        mutating func readHex4() throws(JSONParseError) -> UInt32 {
            guard index + 4 <= buffer.count else { throw fail("unexpected end of \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = buffer[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw fail("invalid hex digit in \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        mutating func appendUnicodeEscape(into bytes: inout [UInt8]) throws(JSONParseError) {
            var scalarValue = try readHex4()
            if (0xD800...0xDBFF).contains(scalarValue) {
                guard index + 6 <= buffer.count, buffer[index] == UInt8(ascii: "\\"),
                    buffer[index + 1] == UInt8(ascii: "u")
                else { throw fail("lone high surrogate") }
                index += 2
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid low surrogate") }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalarValue) {
                throw fail("lone low surrogate")
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw fail("invalid unicode scalar") }
            bytes.append(contentsOf: String(Character(scalar)).utf8)
        }
    }
}
