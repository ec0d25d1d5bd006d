import Events
import RPC
import Testing

/// Wire-level defects a hostile review found, driven through the dispatcher: ids echoed
/// exactly, repeated request members refused, and `rpc.discover` neither re-encoded nor
/// multiplied by a batch.
@Suite struct WireHardeningTests {
    func text(_ bytes: [UInt8]?) -> String { bytes.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    @Test func numericIdsComeBackAsTheySentThem() async throws {
        let world = try await RPCTestService.make()
        defer { Task { await world.close() } }
        for id in ["1e400", "1e2", "123456789012345678901234567890", "1e-400"] {
            let (body, _) = await world.dispatcher.handle(body: Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"rpc.nope"}"#.utf8), authorization: nil)
            #expect(text(body).contains(#","id":\#(id),"#), "id \(id): \(text(body).prefix(120))")
            let (batch, _) = await world.dispatcher.handle(
                body: Array(#"[{"jsonrpc":"2.0","id":\#(id),"method":"rpc.nope"},{"jsonrpc":"1.0","id":\#(id),"method":"x"}]"#.utf8), authorization: nil)
            #expect(text(batch).components(separatedBy: #""id":\#(id),"#).count == 3, "batch id \(id): \(text(batch).prefix(200))")
        }
    }

    @Test func aRepeatedMethodRunsNeither() async throws {
        let world = try await RPCTestService.make()
        defer { Task { await world.close() } }
        let body = #"{"jsonrpc":"2.0","id":1,"method":"dossier.list","method":"events.read"}"#
        let (reply, records) = await world.dispatcher.handle(body: Array(body.utf8), authorization: "Bearer \(world.auditorToken)")
        let answer = try JSONParser.parse(reply ?? [])
        #expect(answer["error"]?["code"] == .int(-32600))
        #expect(answer["result"] == nil)
        #expect(records.map(\.method) == ["-"])
    }

    @Test func theDiscoveryDocumentIsEncodedOnceAndAnsweredOncePerRequest() async throws {
        let world = try await RPCTestService.make()
        defer { Task { await world.close() } }
        let call = #"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"#
        let (single, _) = await world.dispatcher.handle(body: Array(call.utf8), authorization: nil)
        let document = try #require(try JSONParser.parse(single ?? [])["result"])
        #expect(document["openrpc"] != nil)
        let encodedBefore = world.dispatcher.encodedResultBytes.load(ordering: .relaxed)
        let (again, _) = await world.dispatcher.handle(body: Array(call.utf8), authorization: nil)
        #expect(again == single)
        #expect(world.dispatcher.encodedResultBytes.load(ordering: .relaxed) == encodedBefore, "the document was encoded again")

        let batch = "[" + Array(repeating: call, count: 100).joined(separator: ",") + "]"
        let (reply, records) = await world.dispatcher.handle(body: Array(batch.utf8), authorization: nil)
        let bytes = try #require(reply)
        // One document and 99 short errors, where it was 100 documents (5.7 MB).
        #expect(bytes.count < (single?.count ?? 0) + 100 * 400, "\(bytes.count) bytes")
        let answers = try #require(try JSONParser.parse(bytes).arrayValue)
        #expect(answers.count == 100)
        #expect(answers.filter { $0["result"] != nil }.count == 1)
        #expect(answers.dropFirst().allSatisfy { $0["error"]?["code"] == .int(-32600) })
        #expect(records.count == 100)
    }
}
