import Events
import RPC
import Testing

@Suite struct RPCFramingTests {
    func parse(_ text: String) -> RPCFraming.Parsed { RPCFraming.parse(Array(text.utf8)) }

    @Test func aSingleRequestWithEveryKindOfId() {
        for (idText, id) in [("\"a-1\"", JSONValue.string("a-1")), ("7", .int(7)), ("2.5", .double(2.5)), ("null", .null)] {
            let parsed = parse(#"{"jsonrpc":"2.0","id":\#(idText),"method":"dossier.get","params":{"dossierId":"d1"}}"#)
            #expect(parsed == .single(.success(RPCCall(id: id, method: "dossier.get", params: ["dossierId": "d1"]))))
        }
    }

    @Test func aNotificationHasNoIdMemberAndGetsNoResponse() {
        guard case let .single(.success(call)) = parse(#"{"jsonrpc":"2.0","method":"x"}"#) else {
            Issue.record("not parsed")
            return
        }
        #expect(call.isNotification)
        #expect(RPCFraming.body([], wasBatch: false) == nil)
    }

    @Test func parseErrorsEmptyBatchesAndOversizeBatchesAreOneErrorObject() {
        let oversize = "[" + Array(repeating: #"{"jsonrpc":"2.0","id":1,"method":"x"}"#, count: 101).joined(separator: ",") + "]"
        for (text, code) in [("{\"jsonrpc\"", -32700), ("[]", -32600), (oversize, -32600)] {
            guard case let .rejected(error) = parse(text) else {
                Issue.record("\(text.prefix(20)) was not rejected")
                continue
            }
            #expect(error.code == code)
            #expect(error.data["kind"] != nil)
        }
    }

    @Test func invalidElementsOfABatchAreAnsweredWithTheirOwnErrors() {
        let parsed = parse(#"[1, {"jsonrpc":"1.0","id":5,"method":"x"}, {"jsonrpc":"2.0","id":{},"method":"x"}, {"jsonrpc":"2.0","id":6,"method":4}, {"jsonrpc":"2.0","id":7,"method":"ok","params":3}, {"jsonrpc":"2.0","method":"n"}]"#)
        guard case let .batch(elements) = parsed else {
            Issue.record("not a batch")
            return
        }
        #expect(elements.count == 6)
        let ids: [JSONValue?] = elements.map { element in
            if case let .failure(failure) = element { return failure.id }
            return nil
        }
        #expect(ids == [.null, .int(5), .null, .int(6), .int(7), nil])
        for element in elements.prefix(5) {
            if case let .failure(failure) = element { #expect(failure.error.code == -32600) }
        }
    }

    @Test func paramsAreByName() {
        #expect((try? RPCFraming.namedParams(nil).get())?.isEmpty == true)
        #expect((try? RPCFraming.namedParams([]).get())?.isEmpty == true)
        guard case let .failure(error) = RPCFraming.namedParams([1]) else {
            Issue.record("positional params accepted")
            return
        }
        #expect(error.code == -32602)
        #expect(error.data["fields"] == ["params"])
    }

    @Test func responsesCarryTheIdExactly() {
        let success = RPCFraming.response(id: .string("x"), .success(["ok": true]))
        #expect(success.canonicalString == #"{"id":"x","jsonrpc":"2.0","result":{"ok":true}}"#)
        let failure = RPCFraming.response(id: .null, .failure(RPCError(.methodNotFound, "Method not found")))
        #expect(failure["error"]?["code"] == .int(-32601))
        #expect(failure["error"]?["data"]?["kind"] == "method_not_found")
        #expect(RPCFraming.body([success, failure], wasBatch: true).map { String(decoding: $0, as: UTF8.self).hasPrefix("[") } == true)
    }
}
