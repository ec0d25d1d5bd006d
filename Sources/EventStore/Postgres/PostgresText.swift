/// Text forms PostgreSQL reads as parameters: array literals and hex bytea.
enum PostgresText {
    /// `{"a","b\"c"}` — a `text[]` literal with every element quoted and escaped.
    static func array(_ elements: [String]) -> String {
        array(elements.map { Optional($0) })
    }

    /// An array literal where `nil` is SQL NULL, written straight into a buffer sized for
    /// the worst case (every byte escaped). The writer's batches go in binary instead
    /// (``PostgresBinaryArray``).
    static func array(_ elements: [String?]) -> String {
        let capacity = elements.reduce(2) { $0 + 2 * ($1?.utf8.count ?? 2) + 3 }
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var index = 0
            func put(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            put(UInt8(ascii: "{"))
            for (number, element) in elements.enumerated() {
                if number > 0 { put(UInt8(ascii: ",")) }
                guard var element else {
                    for byte in "NULL".utf8 { put(byte) }
                    continue
                }
                put(UInt8(ascii: "\""))
                element.withUTF8 { utf8 in
                    for byte in utf8 {
                        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { put(UInt8(ascii: "\\")) }
                        put(byte)
                    }
                }
                put(UInt8(ascii: "\""))
            }
            put(UInt8(ascii: "}"))
            count = index
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `{1,2,3}` — a `bigint[]` literal.
    static func array(_ numbers: [Int64]) -> String {
        "{" + numbers.map(String.init).joined(separator: ",") + "}"
    }
}
