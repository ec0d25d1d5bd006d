import Events
import Testing

@Suite struct CanonicalJSONTests {
    @Test func sortsKeysAndDropsWhiteSpace() throws {
        let value = try JSONParser.parse(#"{ "b" : [1, 2.5, true, null], "a": {"z": "x", "y": -3} }"#)
        #expect(value.canonicalString == #"{"a":{"y":-3,"z":"x"},"b":[1,2.5,true,null]}"#)
    }

    @Test func keysAreOrderedByUTF16CodeUnits() {
        // U+E000 sorts after U+1F600 in UTF-16 (surrogates are 0xD83D…), as RFC 8785 requires.
        let value: JSONValue = .object([("\u{E000}", 1), ("\u{1F600}", 2), ("a", 3)])
        #expect(value.canonicalString == "{\"a\":3,\"\u{1F600}\":2,\"\u{E000}\":1}")
    }

    @Test func escapesOnlyWhatJSONRequires() {
        let value: JSONValue = .string("quote\" back\\ nl\n tab\t bell\u{07} é/€")
        #expect(value.canonicalString == #""quote\" back\\ nl\n tab\t bell\u0007 é/€""#)
    }

    @Test func reencodingAParsedCanonicalTextGivesTheSameBytes() throws {
        let text = #"{"a":[1,-0.5,1.0e+300,"\u00e9"],"b":{"c":null},"d":9223372036854775807}"#
        let once = try JSONParser.parse(text).canonicalBytes
        let twice = try JSONParser.parse(once).canonicalBytes
        #expect(once == twice)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"\u{01}\"", "tru", "[1] 2", "{\"a\" 1}",
        "\"\\ud800\"", "\"\\udc00\"", "1e", "nul",
    ])
    func rejectsMalformedJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsNestingBeyondTheLimit() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func keepsIntegersApartFromDoubles() throws {
        #expect(try JSONParser.parse("42") == .int(42))
        #expect(try JSONParser.parse("42.0") == .double(42))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(.min))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("\"\\ud83d\\ude00\"") == .string("\u{1F600}"))
    }
}
