import Events
import Foundation
import Testing

/// `dossier.setConfidentiality` and `agenda.get` over real HTTP: a member department not
/// assigned to a confidential dossier sees its item as "Vertrouwelijk agendapunt", without
/// the decision it owns on it; the assigned department and the regisseur read it in full;
/// the mark again is no change, a department may not set it, and lifting it gives the title back.
@Suite(.serialized) struct ConfidentialAgendaTests {
    static let restrictedItemFields: Set<String> = ["itemId", "position", "dossierId", "title", "overallStatus", "overdue", "carriedOver"]

    @Test func anUnassignedMemberSeesAConfidentialItemWithoutItsTitle() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-centrum", "name": "Centrum", "kind": "stadsdeel"], token: admin)
        for id in ["wonen", "zorg"] {
            _ = try fixture.result("department.register", ["departmentId": .string(id), "name": .string(id)], token: admin)
        }
        let regisseur = try fixture.principal("regisseur-centrum", role: "regisseur", stadsdelen: ["SD-centrum"])
        let wonen = try fixture.principal("wonen-1", role: "department", departments: ["wonen"])
        let zorg = try fixture.principal("zorg-1", role: "department", departments: ["zorg"])
        _ = try fixture.result("table.establish", ["tableId": "centrum", "name": "Tafel Centrum", "stadsdeel": "SD-centrum",
            "members": ["wonen", "zorg"]], token: regisseur)
        _ = try fixture.result("dossier.raise", ["tableId": "centrum", "title": "Zorgmijder Markt", "dossierId": "d1"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": "d1", "departmentId": "zorg", "role": "lead"], token: regisseur)
        _ = try fixture.result("meeting.schedule", ["tableId": "centrum", "date": "2036-12-03", "meetingId": "m1"], token: regisseur)
        _ = try fixture.result("agenda.addItem", ["meetingId": "m1", "dossierId": "d1", "itemId": "i1"], token: regisseur)
        _ = try fixture.result("decision.take", ["meetingId": "m1", "text": "Buurtbrief", "ownerDepartment": "wonen",
            "dossierId": "d1", "due": "2026-12-01", "decisionId": "b1"], token: regisseur)
        let before = try fixture.result("agenda.get", ["tableId": "centrum"], token: wonen)
        #expect(before["items"]?[0]?["title"] == "Zorgmijder Markt" && before["decisionsDue"]?.count == 1)

        let head = try fixture.server.headPosition()
        #expect(try fixture.failure("dossier.setConfidentiality", ["dossierId": "d1", "confidential": true, "reason": "zorg"], token: zorg).code == -32003)
        #expect(try fixture.failure("dossier.setConfidentiality", ["dossierId": "d1", "confidential": "ja", "reason": "zorg"], token: regisseur).data["fields"] == ["confidential"])
        #expect(try fixture.failure("dossier.setConfidentiality", ["dossierId": "d1", "reason": "zorg"], token: regisseur).code == -32602)
        #expect(try fixture.server.headPosition() == head, "a refused command writes nothing")

        let marked = try fixture.result("dossier.setConfidentiality", ["dossierId": "d1", "confidential": true, "reason": "zorgsignaal"], token: regisseur)
        #expect(marked["stream"] == "dossier-d1" && marked["positions"]?.count == 1)
        let again = try fixture.result("dossier.setConfidentiality", ["dossierId": "d1", "confidential": true, "reason": "nog eens"], token: regisseur)
        #expect(again["positions"]?.count == 0 && again["version"] == marked["version"])

        let (status, json) = try fixture.server.post(#"{"jsonrpc":"2.0","id":1,"method":"agenda.get","params":{"tableId":"centrum"}}"#, token: wonen)
        let body = String(decoding: json?.canonicalBytes ?? [], as: UTF8.self)
        #expect(status == 200)
        let item = json?["result"]?["items"]?[0]
        #expect(Set(item?.objectMembers?.map(\.0) ?? []) == Self.restrictedItemFields, "\(body)")
        #expect(item?["title"] == "Vertrouwelijk agendapunt" && item?["dossierId"] == "d1")
        #expect(json?["result"]?["decisionsDue"]?.count == 0, "the owner of b1 is not assigned to d1: \(body)")
        #expect(!body.contains("Zorgmijder") && !body.contains("b1"), "\(body)")
        #expect(try fixture.failure("dossier.get", ["dossierId": "d1"], token: wonen).code == -32003)

        let assigned = try fixture.result("agenda.get", ["tableId": "centrum"], token: zorg)
        #expect(assigned["items"]?[0]?["title"] == "Zorgmijder Markt" && assigned["items"]?[0]?["confidential"] == true)
        #expect(try fixture.result("dossier.get", ["dossierId": "d1"], token: regisseur)["confidential"] == true)

        _ = try fixture.result("dossier.setConfidentiality", ["dossierId": "d1", "confidential": false, "reason": "afgeschaald"], token: regisseur)
        let lifted = try fixture.result("agenda.get", ["tableId": "centrum"], token: wonen)
        #expect(lifted["items"]?[0]?["title"] == "Zorgmijder Markt" && lifted["decisionsDue"]?.count == 1)
        #expect(fixture.server.stop() == 0)
    }
}
