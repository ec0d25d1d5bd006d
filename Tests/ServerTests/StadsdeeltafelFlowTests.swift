import Events
import Foundation
import Testing

/// The whole stadsdeeltafel flow against a real `tafel serve` over HTTP: an admin sets up
/// the municipality, a regisseur runs a table, departments report, a wethouder settles an
/// escalation, an auditor replays and verifies.
@Suite(.serialized) struct StadsdeeltafelFlowTests {
    @Test func aTableFromSetUpToCarriedOverAgendaAndAudit() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-centrum", "name": "Centrum", "kind": "stadsdeel"], token: admin)
        _ = try fixture.result("area.define", ["code": "WK093501", "name": "Binnenstad", "kind": "wijk", "parent": "SD-centrum"], token: admin)
        for (id, name) in [("wonen", "Wonen"), ("openbare-ruimte", "Openbare Ruimte"), ("veiligheid", "Veiligheid")] {
            _ = try fixture.result("department.register", ["departmentId": .string(id), "name": .string(name)], token: admin)
        }
        let regisseur = try fixture.principal("regisseur-centrum", role: "regisseur", stadsdelen: ["SD-centrum"])
        let wonen = try fixture.principal("wonen-1", role: "department", departments: ["wonen"])
        let wethouder = try fixture.principal("wethouder-centrum", role: "wethouder", stadsdelen: ["SD-centrum"])
        let auditor = try fixture.principal("auditor", role: "auditor")

        _ = try fixture.result("table.establish", ["tableId": "centrum", "name": "Stadsdeeltafel Centrum", "stadsdeel": "SD-centrum",
            "members": ["wonen", "openbare-ruimte"]], token: regisseur)
        let raised = try fixture.result("dossier.raise", ["tableId": "centrum", "title": "Overlast Markt", "area": "WK093501",
            "deadline": "2026-12-01"], token: regisseur)
        guard case let .string(dossierId)? = raised["dossierId"] else { Issue.record("no generated dossierId"); return }
        _ = try fixture.result("dossier.assign", ["dossierId": .string(dossierId), "departmentId": "wonen", "role": "lead"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": .string(dossierId), "departmentId": "openbare-ruimte"], token: regisseur)
        _ = try fixture.result("dossier.updateStatus", ["dossierId": .string(dossierId), "departmentId": "wonen", "status": "in_progress",
            "note": "gesprek met bewoners gepland"], token: wonen)
        _ = try fixture.result("meeting.schedule", ["tableId": "centrum", "date": "2026-12-03", "meetingId": "m1"], token: regisseur)
        _ = try fixture.result("meeting.schedule", ["tableId": "centrum", "date": "2027-01-07", "meetingId": "m2"], token: regisseur)
        _ = try fixture.result("agenda.addItem", ["meetingId": "m1", "dossierId": .string(dossierId)], token: regisseur)
        _ = try fixture.result("agenda.addItem", ["meetingId": "m1", "topic": "Rondvraag", "itemId": "rondvraag"], token: regisseur)
        _ = try fixture.result("decision.take", ["meetingId": "m1", "text": "Extra handhaving", "ownerDepartment": "wonen",
            "dossierId": .string(dossierId), "due": "2026-12-20", "decisionId": "d1"], token: regisseur)

        let agenda = try fixture.result("agenda.get", ["tableId": "centrum", "today": "2026-11-30"], token: wonen)
        #expect(agenda["meeting"]?["meetingId"] == "m1")
        #expect(agenda["items"]?.count == 2)
        #expect(agenda["items"]?[0]?["overallStatus"] == "in_progress")
        #expect(agenda["items"]?[0]?["lead"] == "wonen")
        #expect(agenda["items"]?[0]?["overdue"] == false)
        #expect(agenda["items"]?[1]?["topic"] == "Rondvraag")

        _ = try fixture.result("meeting.recordDiscussion", ["meetingId": "m1", "itemId": "rondvraag", "notes": "geen punten"], token: regisseur)
        _ = try fixture.result("meeting.close", ["meetingId": "m1"], token: regisseur)
        let next = try fixture.result("agenda.get", ["tableId": "centrum", "today": "2027-01-01"], token: regisseur)
        #expect(next["meeting"]?["meetingId"] == "m2")
        #expect(next["items"]?.count == 1)
        #expect(next["items"]?[0]?["dossierId"] == .string(dossierId))
        #expect(next["items"]?[0]?["carriedOver"] == true)
        #expect(next["items"]?[0]?["carriedOverFrom"] == "m1")
        #expect(next["items"]?[0]?["overdue"] == true)
        #expect(next["decisionsDue"]?[0]?["decisionId"] == "d1")
        #expect(next["decisionsDue"]?[0]?["overdue"] == true)

        _ = try fixture.result("dossier.escalate", ["dossierId": .string(dossierId), "to": "stadsdeelwethouder", "reason": "budget"], token: regisseur)
        let refused = try fixture.failure("dossier.close", ["dossierId": .string(dossierId), "resolution": "klaar"], token: regisseur)
        #expect(refused.code == -32010)
        _ = try fixture.result("dossier.resolveEscalation", ["dossierId": .string(dossierId), "outcome": "budget toegekend"], token: wethouder)
        _ = try fixture.result("decision.complete", ["decisionId": "d1", "note": "uitgevoerd"], token: wonen)
        _ = try fixture.result("dossier.close", ["dossierId": .string(dossierId), "resolution": "opgelost"], token: regisseur)

        let dossier = try fixture.result("dossier.get", ["dossierId": .string(dossierId)], token: wethouder)
        #expect(dossier["overallStatus"] == "closed")
        #expect(dossier["escalations"]?[0]?["outcome"] == "budget toegekend")
        #expect(dossier["decisions"]?[0]?["completed"] == true)
        #expect(dossier["departments"]?[0]?["updatedBy"] == "wonen-1")

        let before = try fixture.result("dossier.get", ["dossierId": .string(dossierId), "atPosition": .int(raisedPosition(raised))], token: auditor)
        #expect(before["overallStatus"] == "open")
        #expect(before["departments"]?.count == 0)

        let overview = try fixture.result("department.overview", ["departmentId": "wonen"], token: wonen)
        #expect(overview["dossiers"]?[0]?["others"]?[0]?["departmentId"] == "openbare-ruimte")
        let dashboard = try fixture.result("dashboard.stadsdeel", ["stadsdeel": "SD-centrum", "today": "2027-01-01"], token: wethouder)
        #expect(dashboard["byStatus"]?["closed"] == 1)
        #expect(dashboard["wijken"]?[0]?["code"] == "WK093501")
        #expect(dashboard["decisions"]?["open"] == 0)

        let trail = try fixture.result("audit.trail", ["dossierId": .string(dossierId), "limit": 3], token: auditor)
        #expect(trail["events"]?.count == 3)
        #expect(trail["events"]?[0]?["type"] == "DossierRaised")
        guard case let .string(cursor)? = trail["nextCursor"] else { Issue.record("no cursor"); return }
        let rest = try fixture.result("audit.trail", ["dossierId": .string(dossierId), "cursor": .string(cursor), "limit": 1000], token: auditor)
        let types = (rest["events"].map { value -> [String] in
            guard case let .array(events) = value else { return [] }
            return events.compactMap { if case let .string(type)? = $0["type"] { return type } else { return nil } }
        }) ?? []
        #expect(types.contains("AgendaItemCarriedOver") && types.contains("DecisionCompleted") && types.contains("DossierClosed"))

        let verified = try fixture.result("audit.verify", token: wonen)
        #expect(verified["ok"] == true)
        let events = try fixture.result("events.read", ["fromPosition": 1, "limit": 5], token: auditor)
        #expect(events["events"]?.count == 5)
        #expect(events["nextCursor"] == 6)
        #expect(try fixture.failure("events.read", token: wonen).code == -32003)

        #expect(fixture.server.stop() == 0)
        #expect(fixture.server.log.contains("stopped cleanly"))
        #expect(!fixture.server.log.contains(admin))
    }

    func raisedPosition(_ result: JSONValue) -> Int64 {
        if case let .int(position)? = result["positions"]?[0] { return position }
        return 0
    }
}
