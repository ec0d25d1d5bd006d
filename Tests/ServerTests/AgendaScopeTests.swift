import Events
import Foundation
import Testing

/// `agenda.get` over real HTTP as the members of a table who are not assigned to every
/// dossier on it: a partner (police) and a department see each item, but the statuses and
/// notes only of the dossiers they may read (the RPC reference, "Scope on agendas").
@Suite(.serialized) struct AgendaScopeTests {
    static let restrictedItemFields: Set<String> = ["itemId", "position", "dossierId", "title", "overallStatus", "overdue", "carriedOver"]

    @Test func membersSeeNoStatusesOrNotesOfDossiersTheyAreNotAssignedTo() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-centrum", "name": "Centrum", "kind": "stadsdeel"], token: admin)
        for (id, external) in [("wonen", false), ("zorg", false), ("politie", true)] {
            _ = try fixture.result("department.register", ["departmentId": .string(id), "name": .string(id), "external": .bool(external)], token: admin)
        }
        let regisseur = try fixture.principal("regisseur-centrum", role: "regisseur", stadsdelen: ["SD-centrum"])
        let wonen = try fixture.principal("wonen-1", role: "department", departments: ["wonen"])
        let zorg = try fixture.principal("zorg-1", role: "department", departments: ["zorg"])
        let politie = try fixture.principal("politie-1", role: "partner", departments: ["politie"])
        _ = try fixture.result("table.establish", ["tableId": "centrum", "name": "Tafel Centrum", "stadsdeel": "SD-centrum",
            "members": ["wonen", "zorg", "politie"]], token: regisseur)
        _ = try fixture.result("dossier.raise", ["tableId": "centrum", "title": "Zorgmijder Markt", "dossierId": "d1"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": "d1", "departmentId": "zorg", "role": "lead"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": "d1", "departmentId": "wonen"], token: regisseur)
        _ = try fixture.result("dossier.updateStatus", ["dossierId": "d1", "departmentId": "zorg", "status": "in_progress",
            "note": "huisbezoek bij bewoner op nummer 12"], token: zorg)
        _ = try fixture.result("meeting.schedule", ["tableId": "centrum", "date": "2036-12-03", "meetingId": "m1"], token: regisseur)
        _ = try fixture.result("agenda.addItem", ["meetingId": "m1", "dossierId": "d1", "itemId": "i1"], token: regisseur)
        _ = try fixture.result("decision.take", ["meetingId": "m1", "text": "zorgmelding doen", "ownerDepartment": "zorg",
            "dossierId": "d1", "due": "2026-12-01", "decisionId": "b1"], token: regisseur)

        let (status, json) = try fixture.server.post(#"{"jsonrpc":"2.0","id":1,"method":"agenda.get","params":{"tableId":"centrum"}}"#, token: politie)
        let body = String(decoding: json?.canonicalBytes ?? [], as: UTF8.self)
        #expect(status == 200)
        let item = json?["result"]?["items"]?[0]
        #expect(Set(item?.objectMembers?.map(\.0) ?? []) == Self.restrictedItemFields, "\(body)")
        #expect(item?["title"] == "Zorgmijder Markt" && item?["overallStatus"] == "in_progress")
        #expect(!body.contains("huisbezoek") && !body.contains("zorgmelding"), "the partner reads the notes or decisions: \(body)")
        _ = try fixture.result("dossier.unassign", ["dossierId": "d1", "departmentId": "wonen"], token: regisseur)
        let unassigned = try fixture.result("agenda.get", ["tableId": "centrum"], token: wonen)
        #expect(Set(unassigned["items"]?[0]?.objectMembers?.map(\.0) ?? []) == Self.restrictedItemFields)
        #expect(unassigned["decisionsDue"]?.count == 0)
        #expect(try fixture.failure("dossier.get", ["dossierId": "d1"], token: wonen).code == -32003)

        let assigned = try fixture.result("agenda.get", ["tableId": "centrum"], token: zorg)
        #expect(assigned["items"]?[0]?["departments"]?[0]?["note"] == "huisbezoek bij bewoner op nummer 12")
        #expect(assigned["decisionsDue"]?[0]?["text"] == "zorgmelding doen")

        let head = try fixture.server.headPosition()
        let refused = try fixture.failure("dossier.updateStatus", ["dossierId": "d1", "departmentId": "zorg", "status": "done",
            "note": "klaar\u{0}"], token: zorg)
        #expect(refused.code == -32602 && refused.data["fields"] == ["note"])
        #expect(try fixture.server.headPosition() == head)
        #expect(fixture.server.stop() == 0)
    }
}
