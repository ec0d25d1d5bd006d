import Events
import Foundation
import Testing

/// The reference data over real HTTP: a department of one stadsdeel lists only the table it
/// sits at, every role reads the departments and areas, and `principal.me` tells a caller who
/// it is without the token hash the log holds for it.
@Suite(.serialized) struct ReferenceDataOverHTTPTests {
    static func strings(_ value: JSONValue?, _ key: String) -> [String] {
        (value?.arrayValue ?? []).compactMap { if case let .string(text)? = $0[key] { return text } else { return nil } }
    }

    @Test func aClientTakesItsIdsFromTheServerWithinItsScope() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-centrum", "name": "Centrum", "kind": "stadsdeel"], token: admin)
        _ = try fixture.result("area.define", ["code": "SD-west", "name": "West", "kind": "stadsdeel"], token: admin)
        _ = try fixture.result("area.define", ["code": "WK093501", "name": "Binnenstad", "kind": "wijk", "parent": "SD-centrum"], token: admin)
        for id in ["wonen", "zorg"] {
            _ = try fixture.result("department.register", ["departmentId": .string(id), "name": .string(id)], token: admin)
        }
        let regisseur = try fixture.principal("regisseur-centrum", role: "regisseur", stadsdelen: ["SD-centrum", "SD-west"])
        let wonen = try fixture.principal("wonen-1", role: "department", departments: ["wonen"])
        _ = try fixture.result("table.establish", ["tableId": "centrum", "name": "Tafel Centrum", "stadsdeel": "SD-centrum",
            "members": ["wonen", "zorg"]], token: regisseur)
        _ = try fixture.result("table.establish", ["tableId": "west", "name": "Tafel West", "stadsdeel": "SD-west",
            "members": ["zorg"]], token: regisseur)

        #expect(Self.strings(try fixture.result("table.list", token: regisseur)["tables"], "tableId") == ["centrum", "west"])
        let tables = try fixture.result("table.list", token: wonen)
        #expect(Self.strings(tables["tables"], "tableId") == ["centrum"], "a department lists a table it does not sit at")
        #expect(try fixture.result("table.list", ["stadsdeel": "SD-west"], token: wonen)["tables"] == .array([]))
        #expect(try fixture.failure("table.list", ["stadsdeel": "SD-noord"], token: wonen).code == -32004)
        let unknownParam = try fixture.failure("table.list", ["colour": "blue"], token: wonen)
        #expect(unknownParam.code == -32602 && unknownParam.data["fields"] == ["colour"])

        #expect(Self.strings(try fixture.result("department.list", token: wonen)["departments"], "departmentId") == ["wonen", "zorg"])
        #expect(Self.strings(try fixture.result("area.list", ["under": "SD-centrum"], token: wonen)["areas"], "code") == ["WK093501"])

        let me = try fixture.result("principal.me", token: wonen)
        #expect(me == .object([
            ("principalId", "wonen-1"), ("name", "wonen-1"), ("role", "department"), ("stadsdelen", .array([])), ("departments", ["wonen"]),
        ]))
        let trail = try fixture.result("audit.trail", ["stream": "principal-wonen-1"], token: admin)
        let hashes = (trail["events"]?.arrayValue ?? []).compactMap { event -> String? in
            if case let .string(hash)? = event["data"]?["tokenHash"] { return hash } else { return nil }
        }
        #expect(!hashes.isEmpty, "the trail holds no token hash to look for")
        let body = String(decoding: me.canonicalBytes, as: UTF8.self)
        #expect(hashes.allSatisfy { !body.contains($0) }, "principal.me repeats a token hash: \(body)")
        #expect(try fixture.failure("principal.me", token: nil).code == -32001)
        #expect(fixture.server.stop() == 0)
    }
}
