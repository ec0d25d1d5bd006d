import Events
import Foundation
import Testing

/// The table's output over real HTTP: a regisseur schedules, records attendance, finalises
/// the agenda, adds a late item, discusses, decides and closes; `meeting.get` then returns
/// the verslag with its notes and besluitenlijst, approved minutes change only by amendment,
/// a cancelled meeting's items are found on the next meeting, and `meeting.list` lists
/// every meeting in date order. Dates lie years ahead, as `agenda.get` judges "next" by today.
@Suite(.serialized) struct VerslagFlowTests {
    @Test func fromSchedulingToAnApprovedVerslagAndACancelledMeeting() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-centrum", "name": "Centrum", "kind": "stadsdeel"], token: admin)
        for id in ["wonen", "openbare-ruimte", "zorg"] {
            _ = try fixture.result("department.register", ["departmentId": .string(id), "name": .string(id)], token: admin)
        }
        let regisseur = try fixture.principal("regisseur-centrum", role: "regisseur", stadsdelen: ["SD-centrum"])
        let wonen = try fixture.principal("wonen-1", role: "department", departments: ["wonen"])
        let zorg = try fixture.principal("zorg-1", role: "department", departments: ["zorg"])
        _ = try fixture.result("table.establish", ["tableId": "centrum", "name": "Tafel Centrum", "stadsdeel": "SD-centrum",
            "members": ["wonen", "openbare-ruimte"]], token: regisseur)
        _ = try fixture.result("dossier.raise", ["tableId": "centrum", "title": "Overlast Markt", "dossierId": "d1"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": "d1", "departmentId": "wonen", "role": "lead"], token: regisseur)
        _ = try fixture.result("dossier.raise", ["tableId": "centrum", "title": "Boomwortels", "dossierId": "d2"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": "d2", "departmentId": "openbare-ruimte", "role": "lead"], token: regisseur)
        for (id, date) in [("m1", "2036-12-03"), ("m2", "2036-12-17"), ("m3", "2037-01-14")] {
            _ = try fixture.result("meeting.schedule", ["tableId": "centrum", "date": .string(date), "meetingId": .string(id), "location": "Stadhuis"], token: regisseur)
        }
        _ = try fixture.result("meeting.recordAttendance", ["meetingId": "m1", "departmentId": "wonen", "presence": "present", "delegate": "J. de Vries"], token: regisseur)
        _ = try fixture.result("meeting.recordAttendance", ["meetingId": "m1", "departmentId": "openbare-ruimte", "presence": "excused"], token: regisseur)
        #expect(try fixture.failure("meeting.recordAttendance", ["meetingId": "m1", "departmentId": "zorg", "presence": "present"], token: regisseur).data["rule"] == "attendee_not_member")
        _ = try fixture.result("agenda.addItem", ["meetingId": "m1", "dossierId": "d1", "itemId": "i1"], token: regisseur)
        _ = try fixture.result("agenda.addItem", ["meetingId": "m1", "topic": "Rondvraag", "itemId": "i2"], token: regisseur)
        _ = try fixture.result("agenda.addItem", ["meetingId": "m1", "dossierId": "d2", "itemId": "i4"], token: regisseur)
        _ = try fixture.result("agenda.finalise", ["meetingId": "m1"], token: regisseur)

        let head = try fixture.server.headPosition()
        let final = try fixture.failure("agenda.addItem", ["meetingId": "m1", "topic": "Nagekomen", "itemId": "i3"], token: regisseur)
        #expect(final.code == -32010 && final.data["rule"] == "agenda_final")
        #expect(try fixture.server.headPosition() == head, "a refused command writes nothing")
        _ = try fixture.result("agenda.addItem", ["meetingId": "m1", "topic": "Nagekomen", "itemId": "i3", "late": true], token: regisseur)
        _ = try fixture.result("meeting.recordDiscussion", ["meetingId": "m1", "itemId": "i1", "notes": "Handhaving ingezet"], token: regisseur)
        _ = try fixture.result("meeting.recordDiscussion", ["meetingId": "m1", "itemId": "i3", "notes": "Kort besproken"], token: regisseur)
        _ = try fixture.result("meeting.recordDiscussion", ["meetingId": "m1", "itemId": "i4", "notes": "Geheim detail over nummer 7"], token: regisseur)
        _ = try fixture.result("decision.take", ["meetingId": "m1", "text": "Extra handhaving", "ownerDepartment": "wonen",
            "dossierId": "d1", "due": "2036-12-20", "decisionId": "b1"], token: regisseur)
        _ = try fixture.result("meeting.close", ["meetingId": "m1"], token: regisseur)

        let verslag = try fixture.result("meeting.get", ["meetingId": "m1"], token: regisseur)
        #expect(verslag["meeting"]?["status"] == "closed" && verslag["meeting"]?["finalised"] == true && verslag["meeting"]?["location"] == "Stadhuis")
        #expect(verslag["attendance"]?[0]?["delegate"] == "J. de Vries" && verslag["attendance"]?[1]?["presence"] == "excused")
        #expect(verslag["items"]?.arrayValue?.compactMap { $0["itemId"] } == ["i1", "i2", "i4", "i3"])
        #expect(verslag["items"]?[0]?["notes"] == "Handhaving ingezet" && verslag["items"]?[0]?["title"] == "Overlast Markt")
        #expect(verslag["items"]?[1]?["discussed"] == false && verslag["items"]?[1]?["carriedOverTo"] == "m2")
        #expect(verslag["items"]?[3]?["late"] == true && verslag["items"]?[3]?["notes"] == "Kort besproken")
        #expect(verslag["decisionsTaken"]?[0]?["decisionId"] == "b1" && verslag["decisionsTaken"]?[0]?["text"] == "Extra handhaving")

        let (_, json) = try fixture.server.post(#"{"jsonrpc":"2.0","id":1,"method":"meeting.get","params":{"meetingId":"m1"}}"#, token: wonen)
        let body = String(decoding: json?.canonicalBytes ?? [], as: UTF8.self)
        #expect(json?["result"]?["items"]?[0]?["notes"] == "Handhaving ingezet", "\(body)")
        #expect(json?["result"]?["items"]?[2]?["notes"] == nil && json?["result"]?["items"]?[2]?["title"] == "Boomwortels", "\(body)")
        #expect(!body.contains("Geheim"), "a member reads the notes of a dossier it may not read: \(body)")
        #expect(try fixture.failure("meeting.get", ["meetingId": "m1"], token: zorg).code == -32003)

        let approved = try fixture.result("meeting.approveMinutes", ["meetingId": "m1"], token: regisseur)
        let refused = try fixture.failure("meeting.recordDiscussion", ["meetingId": "m1", "itemId": "i1", "notes": "Anders"], token: regisseur)
        #expect(refused.data["rule"] == "minutes_approved")
        _ = try fixture.result("meeting.amendNotes", ["meetingId": "m1", "itemId": "i1", "notes": "Handhaving ingezet vanaf maandag", "reason": "Datum ontbrak"], token: regisseur)
        _ = try fixture.result("meeting.amendNotes", ["meetingId": "m1", "itemId": "i4", "notes": "Ander detail", "reason": "Correctie"], token: regisseur)
        let trail = try fixture.result("audit.trail", ["dossierId": "d2"], token: regisseur)
        #expect(trail["events"]?.arrayValue?.contains { $0["type"] == "NotesAmended" } == true, "an amendment belongs to the dossier's trail")
        let memberTrail = try fixture.result("audit.trail", ["stream": "meeting-m1"], token: wonen)
        #expect(memberTrail["events"]?.arrayValue?.contains { $0["data"]?["itemId"] == "i4" } == false, "a member reads events on d2's item")
        let amended = try fixture.result("meeting.get", ["meetingId": "m1"], token: regisseur)
        #expect(amended["meeting"]?["minutesApproved"] == true)
        #expect(amended["items"]?[0]?["notes"] == "Handhaving ingezet vanaf maandag" && amended["items"]?[0]?["amendments"]?[0]?["reason"] == "Datum ontbrak")
        guard case let .int(approvedAt)? = approved["positions"]?[0] else { Issue.record("no position"); return }
        #expect(try fixture.failure("meeting.get", ["meetingId": "m1", "atPosition": 3], token: regisseur).code == -32004, "as of before it existed")
        #expect(try fixture.failure("meeting.list", ["tableId": "centrum", "atPosition": 3], token: regisseur).code == -32004, "as of before the table existed")
        let before = try fixture.result("meeting.get", ["meetingId": "m1", "atPosition": .int(approvedAt - 1)], token: regisseur)
        #expect(before["meeting"]?["minutesApproved"] == false && before["items"]?[0]?["notes"] == "Handhaving ingezet")

        _ = try fixture.result("meeting.cancel", ["meetingId": "m2", "reason": "Geen quorum"], token: regisseur)
        let next = try fixture.result("agenda.get", ["tableId": "centrum", "today": "2036-12-10"], token: regisseur)
        #expect(next["meeting"]?["meetingId"] == "m3", "a cancelled meeting is not the next one")
        #expect(next["items"]?[0]?["itemId"] == "i2" && next["items"]?[0]?["carriedOverFrom"] == "m2")
        let cancelled = try fixture.result("meeting.get", ["meetingId": "m2"], token: wonen)
        #expect(cancelled["meeting"]?["status"] == "cancelled" && cancelled["meeting"]?["cancelReason"] == "Geen quorum")
        #expect(cancelled["items"]?[0]?["carriedOverFrom"] == "m1" && cancelled["items"]?[0]?["carriedOverTo"] == "m3")
        #expect(try fixture.failure("agenda.addItem", ["meetingId": "m2", "topic": "Alsnog"], token: regisseur).data["rule"] == "meeting_cancelled")

        _ = try fixture.result("meeting.reschedule", ["meetingId": "m3", "date": "2037-01-21", "location": "Wijkcentrum", "reason": "Zaal bezet"], token: regisseur)
        let list = try fixture.result("meeting.list", ["tableId": "centrum"], token: wonen)
        #expect(list["meetings"]?.arrayValue?.compactMap { $0["status"] } == ["closed", "cancelled", "scheduled"])
        #expect(list["meetings"]?[2]?["date"] == "2037-01-21" && list["meetings"]?[2]?["location"] == "Wijkcentrum")
        #expect(list["meetings"]?[0]?["items"] == 4 && list["meetings"]?[0]?["discussed"] == 3 && list["meetings"]?[0]?["decisionsTaken"] == 1)
        let onlyCancelled = try fixture.result("meeting.list", ["tableId": "centrum", "status": "cancelled"], token: regisseur)
        #expect(onlyCancelled["meetings"]?.arrayValue?.compactMap { $0["meetingId"] } == ["m2"])
        let moved = try fixture.result("meeting.get", ["meetingId": "m3"], token: regisseur)
        #expect(moved["meeting"]?["reschedules"]?[0]?["reason"] == "Zaal bezet" && moved["meeting"]?["reschedules"]?[0]?["from"] == "2037-01-14")
        #expect(fixture.server.stop() == 0)
    }
}
