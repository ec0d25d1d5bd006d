import Events
import Foundation
import RPC
import Testing

/// JSON-RPC 2.0 exactly as the RPC reference states it, and every error class, over real HTTP; after
/// each refused call the log has not grown.
@Suite(.serialized) struct JSONRPCProtocolTests {
    @Test func framingBatchesNotificationsAndIds() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let server = fixture.server
        let token = fixture.admin

        let lone = try server.post(#"{"jsonrpc":"2.0","method":"audit.verify"}"#, token: token)
        #expect(lone.status == 200 && lone.json.map(\.canonicalBytes) == nil)
        let onlyNotifications = try server.post(#"[{"jsonrpc":"2.0","method":"audit.verify"},{"jsonrpc":"2.0","method":"nope"}]"#, token: token)
        #expect(onlyNotifications.status == 200 && onlyNotifications.json.map(\.canonicalBytes) == nil)

        let empty = try server.post("[]", token: token)
        #expect(empty.json?["error"]?["code"] == -32600)
        #expect(empty.json?["id"] == .null)
        let garbage = try server.post(#"{"jsonrpc":"2.0","id":1,"method""#, token: token)
        #expect(garbage.json?["error"]?["code"] == -32700)
        let wrongVersion = try server.post(#"{"jsonrpc":"1.0","id":7,"method":"audit.verify"}"#, token: token)
        #expect(wrongVersion.json?["error"]?["code"] == -32600)
        #expect(wrongVersion.json?["id"] == 7)

        for id in [#""abc""#, "42", "-1.5", "null", "9007199254740993"] {
            let answer = try server.post(#"{"jsonrpc":"2.0","id":\#(id),"method":"audit.verify"}"#, token: token)
            #expect(answer.json?["id"] == (try JSONParser.parse(Array(id.utf8))), "id \(id)")
        }

        let batch = try server.post(
            #"[{"jsonrpc":"2.0","id":"a","method":"audit.verify"},1,{"jsonrpc":"2.0","method":"audit.verify"},{"jsonrpc":"2.0","id":"b","method":"no.such"}]"#,
            token: token)
        guard case let .array(answers)? = batch.json else { Issue.record("batch answer is not an array"); return }
        #expect(answers.count == 3)
        #expect(answers[0]["id"] == "a" && answers[0]["result"]?["ok"] == true)
        #expect(answers[1]["id"] == .null && answers[1]["error"]?["code"] == -32600)
        #expect(answers[2]["id"] == "b" && answers[2]["error"]?["code"] == -32601)

        let tooBig = "[" + Array(repeating: #"{"jsonrpc":"2.0","id":1,"method":"audit.verify"}"#, count: 101).joined(separator: ",") + "]"
        #expect(try server.post(tooBig, token: token).json?["error"]?["code"] == -32600)

        let positional = try server.post(#"{"jsonrpc":"2.0","id":1,"method":"dossier.get","params":["x"]}"#, token: token)
        #expect(positional.json?["error"]?["code"] == -32602)
        let emptyPositional = try server.post(#"{"jsonrpc":"2.0","id":1,"method":"audit.verify","params":[]}"#, token: token)
        #expect(emptyPositional.json?["result"]?["ok"] == true)

        let discovered = try server.post(#"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"#, token: nil)
        #expect(discovered.json?["result"]?["openrpc"] == "1.3.2")
        #expect(fixture.server.stop() == 0)
    }

    /// Ids are echoed as the bytes sent: read as numbers, `1e400` came back `null`, `1e2`
    /// `100.0` and thirty digits `1.2345678901234568e+29`. A repeated request member is
    /// -32600, not last-wins, and a batch gets the discovery document once.
    @Test func idsAreEchoedByteForByteAndRepeatedMembersAreRefused() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let server = fixture.server
        for id in ["1e400", "1e2", "123456789012345678901234567890", "1e-400"] {
            let body = Array(#"[{"jsonrpc":"2.0","id":\#(id),"method":"audit.verify"}]"#.utf8)
            let response = try server.connection().request(
                "POST", "/rpc", body: body, headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(fixture.admin)")])
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(text.hasPrefix(#"[{"id":\#(id),"jsonrpc":"2.0","result":"#), "id \(id): \(text.prefix(80))")
        }
        let before = try server.headPosition()
        let twice = try server.post(
            #"{"jsonrpc":"2.0","id":1,"method":"audit.verify","method":"area.define","params":{"code":"SD-x","name":"X","kind":"stadsdeel"}}"#,
            token: fixture.admin)
        #expect(twice.json?["error"]?["code"] == -32600)
        #expect(try server.headPosition() == before)
        let discover = #"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"#
        let batch = try server.post("[" + Array(repeating: discover, count: 100).joined(separator: ",") + "]", token: nil)
        #expect(batch.json?.arrayValue?.filter { $0["result"] != nil }.count == 1)
        #expect(fixture.server.stop() == 0)
    }

    @Test func everyErrorClassAndNothingWritten() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-west", "name": "West", "kind": "stadsdeel"], token: admin)
        _ = try fixture.result("department.register", ["departmentId": "wonen", "name": "Wonen"], token: admin)
        _ = try fixture.result("department.register", ["departmentId": "verkeer", "name": "Verkeer"], token: admin)
        _ = try fixture.result("area.define", ["code": "SD-oost", "name": "Oost", "kind": "stadsdeel"], token: admin)
        let regisseur = try fixture.principal("regisseur-west", role: "regisseur", stadsdelen: ["SD-west"])
        let other = try fixture.principal("regisseur-oost", role: "regisseur", stadsdelen: ["SD-oost"])
        let verkeer = try fixture.principal("verkeer-1", role: "department", departments: ["verkeer"])
        _ = try fixture.result("table.establish", ["tableId": "west", "name": "Tafel West", "stadsdeel": "SD-west", "members": ["wonen", "verkeer"]], token: regisseur)
        _ = try fixture.result("dossier.raise", ["tableId": "west", "title": "Parkeren", "dossierId": "p1"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": "p1", "departmentId": "wonen"], token: regisseur)
        let head = try fixture.server.headPosition()

        #expect(try fixture.failure("dossier.get", ["dossierId": "p1"], token: nil).code == -32001)
        #expect(try fixture.failure("dossier.get", ["dossierId": "p1"], token: "not-a-token-of-this-server-0123456789abcdef").code == -32001)
        let missing = try fixture.failure("dossier.raise", ["tableId": "west", "title": "", "deadline": "2026-02-30", "bogus": true], token: regisseur)
        #expect(missing.code == -32602)
        #expect(missing.data["kind"] == "invalid_params")
        #expect(missing.data["fields"] == ["bogus"])
        let shapes = try fixture.failure("dossier.raise", ["tableId": "west", "title": " ", "deadline": "2026-02-30"], token: regisseur)
        #expect(shapes.data["fields"] == ["title", "deadline"])
        #expect(try fixture.failure("dossier.raise", ["tableId": 5, "title": "x"], token: regisseur).data["fields"] == ["tableId"])
        #expect(try fixture.failure("dossier.get", ["dossierId": "nope"], token: regisseur).code == -32004)
        // A time with more than three fraction digits once trapped the timestamp parser.
        let fine = try fixture.server.call("dossier.get", ["dossierId": "p1", "asOf": "2030-01-01T00:00:00.123456789Z"], token: regisseur)
        #expect(fine["result"]?["dossierId"] == "p1")
        #expect(try fixture.failure("audit.trail", ["dossierId": "p1", "from": "2026-01-01T00:00:00.1234567890Z"], token: regisseur).code == -32602)
        let forbidden = try fixture.failure("dossier.close", ["dossierId": "p1", "resolution": "x"], token: other)
        #expect(forbidden.code == -32003 && forbidden.data["kind"] == "forbidden")
        let notTheirs = try fixture.failure("dossier.updateStatus", ["dossierId": "p1", "departmentId": "wonen", "status": "done"], token: verkeer)
        #expect(notTheirs.code == -32010 && notTheirs.data["rule"] != nil, "a department may only update its own status: \(notTheirs)")
        let conflict = try fixture.failure("dossier.setDeadline", ["dossierId": "p1", "deadline": "2027-01-01", "expectedVersion": 1], token: regisseur)
        #expect(conflict.code == -32009)
        #expect(conflict.data["expected"] == 1 && conflict.data["actual"] == 2)
        let rule = try fixture.failure("dossier.assign", ["dossierId": "p1", "departmentId": "veiligheid"], token: regisseur)
        #expect(rule.code == -32004 || rule.code == -32010)
        _ = try fixture.result("dossier.close", ["dossierId": "p1", "resolution": "geregeld"], token: regisseur)
        let closed = try fixture.failure("dossier.updateStatus", ["dossierId": "p1", "departmentId": "wonen", "status": "done"], token: regisseur)
        #expect(closed.code == -32010)
        if case .string = closed.data["rule"] {} else { Issue.record("rule violation without data.rule") }
        #expect(try fixture.server.headPosition() == head.map { $0 + 1 })

        let retried1 = try fixture.result("dossier.reopen", ["dossierId": "p1", "reason": "terug", "requestId": "req-1"], token: regisseur)
        let retried2 = try fixture.result("dossier.reopen", ["dossierId": "p1", "reason": "terug", "requestId": "req-1"], token: regisseur)
        #expect(retried1 == retried2)
        #expect(try fixture.server.headPosition() == head.map { $0 + 2 })
        #expect(fixture.server.stop() == 0)
    }
}
