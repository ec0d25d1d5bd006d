import Events
import RPC
import Testing

@Suite struct RPCFramingTests {
    func parse(_ text: String) -> RPCFraming.Parsed { RPCFraming.parse(Array(text.utf8)) }

    @Test func aSingleRequestWithEveryKindOfId() {
        for (idText, id) in [("\"a-1\"", RPCId.string("a-1")), ("7", .number("7")), ("2.5", .number("2.5")), ("null", .null)] {
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
        let ids: [RPCId?] = elements.map { element in
            if case let .failure(failure) = element { return failure.id }
            return nil
        }
        #expect(ids == [.null, .number("5"), .null, .number("6"), .number("7"), nil])
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
        #expect(String(decoding: success, as: UTF8.self) == #"{"id":"x","jsonrpc":"2.0","result":{"ok":true}}"#)
        let failure = try? JSONParser.parse(RPCFraming.response(id: .null, .failure(RPCError(.methodNotFound, "Method not found"))))
        #expect(failure?["error"]?["code"] == .int(-32601))
        #expect(failure?["error"]?["data"]?["kind"] == "method_not_found")
        #expect(failure?["id"] == .null)
    }

    /// JSON-RPC 2.0 echoes ids exactly; read as numbers, these came back `null`, `100.0`,
    /// `1.2345678901234568e+29`, `0.0` and `0`.
    @Test(arguments: ["1e400", "1e2", "123456789012345678901234567890", "1e-400", "-0", "1.50", "-7E+01"])
    func aNumericIdIsEchoedAsItsExactText(_ idText: String) {
        let single = parse(#"{"jsonrpc":"2.0","id":\#(idText),"method":"x"}"#)
        #expect(single == .single(.success(RPCCall(id: .number(idText), method: "x", params: nil))))
        let batch = parse(#"[{"jsonrpc":"2.0","id":\#(idText),"method":"x","params":{"id":1e9}}, {"jsonrpc":"2.0","id":[],"method":"x"}, {"id":\#(idText)}]"#)
        guard case let .batch(elements) = batch, elements.count == 3 else {
            Issue.record("not a batch of three")
            return
        }
        #expect(elements[0] == .success(RPCCall(id: .number(idText), method: "x", params: ["id": .double(1e9)])))
        if case let .failure(failure) = elements[2] { #expect(failure.id == .number(idText)) } else { Issue.record("accepted") }
        let reply = RPCFraming.response(id: .number(idText), .success(true))
        #expect(String(decoding: reply, as: UTF8.self) == #"{"id":\#(idText),"jsonrpc":"2.0","result":true}"#)
    }

    /// Last-wins would run a `method` other than the one a proxy or log reading the first saw.
    @Test(arguments: ["jsonrpc", "id", "method", "params"])
    func aRequestMemberGivenTwiceIsAnInvalidRequest(_ member: String) {
        let members = [#""jsonrpc":"2.0""#, #""id":1"#, #""method":"dossier.list""#, #""params":{}"#]
        let repeated: [String: String] = ["jsonrpc": #""jsonrpc":"2.0""#, "id": #""id":2"#, "method": #""method":"events.read""#, "params": #""params":{}"#]
        let text = "{" + (members + [repeated[member]!]).joined(separator: ",") + "}"
        for parsed in [parse(text), parse("[" + text + "]")] {
            let element: Result<RPCCall, RPCFraming.Failure>
            switch parsed {
            case let .single(one): element = one
            case let .batch(elements) where elements.count == 1: element = elements[0]
            default:
                Issue.record("\(text) not parsed as one request")
                continue
            }
            guard case let .failure(failure) = element else {
                Issue.record("\(text) accepted")
                continue
            }
            #expect(failure.error.code == -32600)
            #expect(failure.error.message.contains("given twice"))
        }
    }
}
