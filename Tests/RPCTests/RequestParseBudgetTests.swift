import Events
import RPC
import Testing

/// What parsing a body costs, by the parser's own count of the values it makes and the
/// memory it allocates: hostile bodies are refused early and cheaply, ordinary ones never.
@Suite struct RequestParseBudgetTests {
    func repeated(_ element: String, _ count: Int, around: (String, String) = ("[", "]")) -> [UInt8] {
        Array((around.0 + Array(repeating: element, count: count).joined(separator: ",") + around.1).utf8)
    }

    @Test func aBatchLongerThanTheLimitIsRefusedWhileScanningIt() {
        // Given a batch of 300,000 calls, far beyond the 100 allowed.
        let body = repeated(#"{"jsonrpc":"2.0","id":1,"method":"x"}"#, 300_000)
        // When it is parsed.
        var statistics = JSONParser.Statistics()
        let parsed = RPCFraming.parse(body, maximumBatch: 100, statistics: &statistics)
        // Then it is one -32600, and the parser stopped at element 101: it made the values of
        // 100 calls (a call object and its three members) and little memory.
        guard case let .rejected(error) = parsed else {
            Issue.record("not rejected: \(parsed)")
            return
        }
        #expect(error.code == -32600)
        #expect(statistics.values <= 1 + 100 * 4 + 1, "\(statistics.values) values made")
        #expect(statistics.allocatedBytes < 64 * 1024, "\(statistics.allocatedBytes) bytes allocated")
    }

    @Test(arguments: [
        ("{}", ("[", "]")),
        ("{}", (#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":["#, "]}}")),
        ("1", (#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":["#, "]}}")),
        (#"{"a":1}"#, (#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":["#, "]}}")),
        (#"[[[[]]]]"#, (#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"a":["#, "]}}")),
    ])
    func aMebibyteOfSmallValuesStaysWithinFourTimesItsSize(element: String, around: (String, String)) {
        // Given a body of about 1 MiB of the smallest values JSON has.
        let body = repeated(element, 1024 * 1024 / (element.utf8.count + 1), around: around)
        // When it is parsed as a request.
        var statistics = JSONParser.Statistics()
        let parsed = RPCFraming.parse(body, maximumBatch: 100, statistics: &statistics)
        // Then it is refused as an invalid request, and what the parse allocated stayed within
        // four times the body (plus the small fixed allowance).
        guard case let .rejected(error) = parsed else {
            Issue.record("not rejected")
            return
        }
        #expect(error.code == -32600)
        #expect(statistics.allocatedBytes <= RPCFraming.parseBudget(bodyBytes: body.count))
        #expect(RPCFraming.parseBudget(bodyBytes: body.count) <= 4 * body.count + 64 * 1024)
    }

    @Test func ordinaryRequestsFitTheirBudgetEasily() {
        // Given a full batch of small queries, and one call with long texts.
        let text = String(repeating: "é", count: 2000)
        let bodies: [[UInt8]] = [
            repeated(#"{"jsonrpc":"2.0","id":"q-1","method":"dossier.get","params":{"dossierId":"d1"}}"#, 100),
            repeated(#"{"jsonrpc":"2.0","id":1,"method":"dossier.list","params":{}}"#, 100),
            Array(#"{"jsonrpc":"2.0","id":1,"method":"dossier.raise","params":{"title":"\#(text)","description":"\#(text)","stadsdeel":"SD-1","tableId":"t1","requestId":"r-1"}}"#.utf8),
            Array(#"{"jsonrpc":"2.0","id":1,"method":"x"}"#.utf8),
        ]
        for body in bodies {
            // When each is parsed.
            var statistics = JSONParser.Statistics()
            let parsed = RPCFraming.parse(body, maximumBatch: 100, statistics: &statistics)
            // Then it is accepted, and used at most half its budget.
            if case .rejected = parsed { Issue.record("refused: \(String(decoding: body.prefix(60), as: UTF8.self))") }
            #expect(statistics.allocatedBytes * 2 <= RPCFraming.parseBudget(bodyBytes: body.count))
        }
    }

    @Test func theParserCountsWhatItBuilds() throws {
        // Given a document of 1000 short strings and 1000 long ones in an object.
        let long = String(repeating: "x", count: 100)
        let document = "{" + (0..<1000).map { #""k\#($0)":["s","\#(long)"]"# }.joined(separator: ",") + "}"
        // When it is parsed without limits.
        var statistics = JSONParser.Statistics()
        let value = try JSONParser.parse(Array(document.utf8), limits: .none, statistics: &statistics)
        // Then every value is counted, and the memory counted covers at least the member and
        // element storage and the long strings that were built.
        #expect(value.objectMembers?.count == 1000)
        #expect(statistics.values == 1 + 1000 * 3)
        let storage = 1000 * MemoryLayout<(String, JSONValue)>.stride + 1000 * 2 * MemoryLayout<JSONValue>.stride + 1000 * long.utf8.count
        #expect(statistics.allocatedBytes >= storage)
        #expect(statistics.allocatedBytes <= 3 * storage)
    }

    @Test func aBudgetStopsTheParseBeforeItIsExceeded() {
        // Given a budget of 10,000 bytes and an array needing far more.
        let body = repeated("1", 100_000)
        var statistics = JSONParser.Statistics()
        // When it is parsed within the budget, then it is refused as too large, having
        // counted no more than the budget.
        #expect(throws: JSONParseError.self) {
            try JSONParser.parse(body, limits: JSONParser.Limits(maximumBytes: 10_000), statistics: &statistics)
        }
        do {
            _ = try JSONParser.parse(body, limits: JSONParser.Limits(maximumBytes: 10_000), statistics: &statistics)
        } catch {
            #expect(error.code == .tooLarge)
        }
        #expect(statistics.allocatedBytes <= 10_000)
    }
}
