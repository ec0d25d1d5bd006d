import Events
import Testing

/// Parses on many threads at once hand the parser's spare stack blocks back and forth; every
/// parse must still see only its own values.
@Suite struct JSONParserConcurrencyTests {
    @Test func concurrentParsesSeeOnlyTheirOwnValues() async throws {
        // Given eight different documents.
        let documents = (0..<8).map { index in
            #"{"index":\#(index),"items":[\#((0..<20).map { "\"i\(index)-\($0)\"" }.joined(separator: ","))],"nested":{"a":[{"b":\#(index)}]}}"#
        }
        let expected = try documents.map { try JSONParser.parse($0).canonicalString }

        // When each is parsed 5,000 times on its own task, all at once.
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for (index, document) in documents.enumerated() {
                group.addTask {
                    let bytes = Array(document.utf8)
                    var wrong = 0
                    for _ in 0..<5000 where (try? JSONParser.parse(bytes))?.canonicalString != expected[index] { wrong += 1 }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }

        // Then every parse gave its own document back.
        #expect(mismatches == 0)
    }
}
