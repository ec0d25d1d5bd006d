import Coordination
import Events
import RPC
import Testing

/// The verslag a reader with full scope gets, the one a partner gets (an item on a dossier it
/// may not read, with the limited fields only), and the meeting list, all match the result
/// schemas `rpc.discover` publishes for `meeting.get` and `meeting.list`.
@Suite struct MeetingResultSchemaTests {
    @Test func fullAndRestrictedVerslagAndTheListMatchThePublishedSchemas() async throws {
        let test = try await RPCTestService.make()
        let admin = ActingPrincipal(principalId: "admin", role: .admin)
        let setup: [Command] = [
            .defineArea(code: "SD-noord", name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .registerDepartment(departmentId: "politie", name: "Politie", external: true),
            .establishTable(tableId: "t1", name: "Tafel", stadsdeel: "SD-noord", members: ["wonen", "politie"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast", summary: nil, area: nil, deadline: "2026-11-01"),
            .assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: "Stadhuis"),
            .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: nil),
            .finaliseAgenda(meetingId: "m1"),
            .addAgendaItem(meetingId: "m1", itemId: "i2", dossierId: nil, topic: "Rondvraag", late: true),
            .recordAttendance(meetingId: "m1", departmentId: "wonen", presence: "present", delegate: "J. Jansen"),
            .recordDiscussion(meetingId: "m1", itemId: "i1", notes: "Besproken"),
            .takeDecision(decisionId: "b1", meetingId: "m1", text: "Schouw", ownerDepartment: "wonen", dossierId: "d1", due: nil),
            .closeMeeting(meetingId: "m1"),
            .approveMinutes(meetingId: "m1"),
            .amendNotes(meetingId: "m1", itemId: "i1", notes: "Beter besproken", reason: "Correctie"),
            .scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2026-12-17", location: nil),
            .rescheduleMeeting(meetingId: "m2", date: "2026-12-18", location: nil, reason: "Zaal bezet"),
            .cancelMeeting(meetingId: "m2", reason: "Geen quorum"),
        ]
        for command in setup { _ = try await test.service.execute(command, by: admin) }
        let methods = OpenRPCDocument.build(version: "test")["methods"]?.arrayValue ?? []
        func schema(_ name: String) throws -> JSONValue {
            try #require(methods.first { $0["name"] == .string(name) }?["result"]?["schema"], "\(name) publishes no result schema")
        }
        let partner = ActingPrincipal(principalId: "politie-1", role: .partner, departments: ["politie"])
        let verslag = try schema("meeting.get")
        for (who, meetingId) in [(admin, "m1"), (partner, "m1"), (admin, "m2")] {
            let answer = try await test.service.answer(.meetingGet(meetingId: meetingId, moment: .live), by: who)
            #expect(JSONSchemaValidator(root: verslag).validate(answer).isEmpty, "\(who.principalId) \(meetingId): \(JSONSchemaValidator(root: verslag).validate(answer))")
        }
        let restricted = try await test.service.answer(.meetingGet(meetingId: "m1", moment: .live), by: partner)
        #expect(restricted["items"]?.arrayValue?.first?["notes"] == nil && restricted["items"]?.arrayValue?.first?["overallStatus"] != nil)
        #expect(!JSONSchemaValidator(root: verslag).validate(.object([])).isEmpty)
        let list = try schema("meeting.list")
        let answer = try await test.service.answer(.meetingList(tableId: "t1", from: nil, until: nil, status: nil, moment: .live), by: partner)
        #expect(answer["meetings"]?.arrayValue?.count == 2)
        #expect(JSONSchemaValidator(root: list).validate(answer).isEmpty, "\(JSONSchemaValidator(root: list).validate(answer))")
        #expect(!JSONSchemaValidator(root: list).validate(.object([])).isEmpty)
        await test.close()
    }
}
