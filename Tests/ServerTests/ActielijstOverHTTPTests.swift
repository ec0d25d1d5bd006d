import Events
import Foundation
import Testing

/// The actielijst end to end over HTTP: the regisseur decides at a meeting, the owner
/// department reads its actielijst with `overdue` driven by `today`, reports progress and
/// completes; the regisseur reschedules and withdraws; `decision.list` as of a position
/// answers exactly what it answered live then, and `department.overview` shows the open ones.
@Suite(.serialized) struct ActielijstOverHTTPTests {
    static func ids(_ page: JSONValue) -> [String] {
        (page["items"]?.arrayValue ?? []).compactMap { if case let .string(id)? = $0["decisionId"] { return id } else { return nil } }
    }

    static func flags(_ page: JSONValue, _ key: String) -> [JSONValue] {
        (page["items"]?.arrayValue ?? []).compactMap { $0[key] }
    }

    static func lastPosition(_ result: JSONValue) -> Int64? {
        guard case let .int(position)? = result["positions"]?.arrayValue?.last else { return nil }
        return position
    }

    @Test func aDepartmentReadsItsActielijstAndItHoldsAsOf() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-noord", "name": "Noord", "kind": "stadsdeel"], token: admin)
        for id in ["wonen", "openbare-ruimte"] {
            _ = try fixture.result("department.register", ["departmentId": .string(id), "name": .string(id)], token: admin)
        }
        let regisseur = try fixture.principal("reg-noord", role: "regisseur", stadsdelen: ["SD-noord"])
        let wonen = try fixture.principal("wonen-1", role: "department", departments: ["wonen"])
        _ = try fixture.result("table.establish", ["tableId": "t1", "name": "Tafel Noord", "stadsdeel": "SD-noord",
            "members": ["wonen", "openbare-ruimte"]], token: regisseur)
        _ = try fixture.result("dossier.raise", ["dossierId": "d1", "tableId": "t1", "title": "Overlast"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": "d1", "departmentId": "wonen", "role": "lead"], token: regisseur)
        _ = try fixture.result("meeting.schedule", ["meetingId": "m1", "tableId": "t1", "date": "2027-01-05"], token: regisseur)
        let decisions: [(String, String, String)] = [("b1", "wonen", "2027-01-10"), ("b2", "wonen", "2027-02-01"), ("b3", "openbare-ruimte", "2027-01-06")]
        for (id, owner, due) in decisions {
            _ = try fixture.result("decision.take", ["decisionId": .string(id), "meetingId": "m1", "text": .string("Besluit \(id)"),
                "ownerDepartment": .string(owner), "dossierId": "d1", "due": .string(due)], token: regisseur)
        }

        // The department's actielijst: its open decisions, earliest due first, overdue by today.
        let mine: JSONValue = ["ownerDepartment": "wonen", "state": "open", "today": "2027-01-15"]
        let actielijst = try fixture.result("decision.list", mine, token: wonen)
        #expect(Self.ids(actielijst) == ["b1", "b2"])
        #expect(Self.flags(actielijst, "overdue") == [.bool(true), .bool(false)])
        let later = try fixture.result("decision.list", ["ownerDepartment": "wonen", "today": "2027-02-02"], token: wonen)
        #expect(Self.flags(later, "overdue") == [.bool(true), .bool(true)])
        #expect(Self.ids(try fixture.result("decision.list", ["ownerDepartment": "wonen", "overdue": true, "today": "2027-01-15"], token: wonen)) == ["b1"])
        #expect(Self.ids(try fixture.result("decision.list", ["today": "2027-01-15"], token: regisseur)) == ["b3", "b1", "b2"])

        // The owner reports progress; another department's decision it may not touch.
        let progressed = try fixture.result("decision.reportProgress", ["decisionId": "b1", "status": "blocked", "note": "Wacht op aannemer"], token: wonen)
        #expect(try fixture.failure("decision.reportProgress", ["decisionId": "b3", "status": "blocked"], token: wonen).code == -32003)
        #expect(try fixture.failure("decision.reschedule", ["decisionId": "b1", "due": "2027-03-01", "reason": "Later"], token: wonen).code == -32003)
        let live = try fixture.result("decision.list", ["tableId": "t1", "today": "2027-01-15"], token: regisseur)
        let at = try #require(Self.lastPosition(progressed))
        #expect(live["items"]?[1]?["progress"]?["status"] == .string("blocked"))

        // The regisseur reschedules and withdraws; the owner completes.
        _ = try fixture.result("decision.reschedule", ["decisionId": "b2", "due": "2027-01-12", "reason": "Eerder nodig"], token: regisseur)
        _ = try fixture.result("decision.withdraw", ["decisionId": "b3", "reason": "Vervallen"], token: regisseur)
        _ = try fixture.result("decision.complete", ["decisionId": "b1", "note": "Gedaan"], token: wonen)
        let closed = try fixture.failure("decision.withdraw", ["decisionId": "b3", "reason": "Nogmaals"], token: regisseur)
        #expect(closed.code == -32010 && closed.data["rule"] == .string("decision_closed"))
        let now = try fixture.result("decision.list", ["tableId": "t1", "today": "2027-01-15"], token: regisseur)
        #expect(Self.ids(now) == ["b3", "b1", "b2"])
        #expect(Self.flags(now, "state") == [.string("withdrawn"), .string("completed"), .string("open")])
        #expect(Self.flags(now, "overdue") == [.bool(false), .bool(false), .bool(true)])
        #expect(Self.ids(try fixture.result("decision.list", mine, token: wonen)) == ["b2"])

        // As of the progress report, the list answers what it answered live then.
        let asOf = try fixture.result("decision.list", ["tableId": "t1", "today": "2027-01-15", "atPosition": .int(at)], token: regisseur)
        #expect(asOf == live)
        #expect(try fixture.failure("decision.list", ["meetingId": "m1", "atPosition": 1], token: regisseur).code == -32004)

        let overview = try fixture.result("department.overview", ["departmentId": "wonen", "today": "2027-01-15"], token: wonen)
        #expect(Self.ids(.object([("items", overview["decisions"] ?? .null)])) == ["b2"])
        #expect(fixture.server.stop() == 0)
    }
}
