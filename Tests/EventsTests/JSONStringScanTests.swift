import Events
import Testing

/// Strings are scanned eight bytes at a time; whatever falls on which side of a word
/// boundary, a quote ends the string, an escape is read, a control character is refused and
/// a multi-byte character is validated.
@Suite struct JSONStringScanTests {
    @Test(arguments: 0..<20)
    func specialBytesAtEveryOffset(offset: Int) throws {
        let before = String(repeating: "a", count: offset)
        let after = String(repeating: "b", count: 19 - offset)
        #expect(try JSONParser.parse("\"\(before)\(after)\"") == .string(before + after))
        #expect(try JSONParser.parse("\"\(before)\\n\(after)\"") == .string(before + "\n" + after))
        #expect(try JSONParser.parse("\"\(before)\\\"\(after)\"") == .string(before + "\"" + after))
        #expect(try JSONParser.parse("\"\(before)é€\(after)\"") == .string(before + "é€" + after))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("\"\(before)\u{01}\(after)\"".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("\"\(before)".utf8) + [0xC3, 0x28] + Array("\(after)\"".utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("\"\(before)\(after)") }
        #expect(try JSONParser.parse("[\"\(before)\",\"\(after)\"]") == .array([.string(before), .string(after)]))
    }
}
