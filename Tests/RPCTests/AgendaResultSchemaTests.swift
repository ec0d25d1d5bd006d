import Coordination
import Events
import RPC
import Testing

/// The agenda a reader with full scope gets and the one a partner gets (items without
/// statuses or notes) both match the result schema `rpc.discover` publishes for `agenda.get`.
@Suite struct AgendaResultSchemaTests {
    @Test func fullAndRestrictedAgendasMatchThePublishedSchema() async throws {
        let test = try await RPCTestService.make()
        let admin = ActingPrincipal(principalId: "admin", role: .admin)
        let setup: [Command] = [
            .defineArea(code: "SD-noord", name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .registerDepartment(departmentId: "politie", name: "Politie", external: true),
            .establishTable(tableId: "t1", name: "Tafel", stadsdeel: "SD-noord", members: ["wonen", "politie"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast", summary: nil, area: nil, deadline: "2026-11-01"),
            .assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"),
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: "notitie"),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i2", dossierId: nil, topic: "Rondvraag"),
        ]
        for command in setup { _ = try await test.service.execute(command, by: admin) }
        let document = OpenRPCDocument.build(version: "test")
        let method = (document["methods"]?.arrayValue ?? []).first { $0["name"] == "agenda.get" }
        let schema = try #require(method?["result"]?["schema"])
        let query = Query.agenda(tableId: "t1", meetingId: nil, moment: .live, today: "2026-11-30")

        let full = try await test.service.answer(query, by: admin)
        let partner = try await test.service.answer(query, by: ActingPrincipal(principalId: "politie-1", role: .partner, departments: ["politie"]))
        #expect(full["items"]?.arrayValue?.first?["departments"] != nil)
        #expect(partner["items"]?.arrayValue?.first?["departments"] == nil)
        #expect(JSONSchemaValidator(root: schema).validate(full).isEmpty)
        #expect(JSONSchemaValidator(root: schema).validate(partner).isEmpty, "\(JSONSchemaValidator(root: schema).validate(partner))")
        await test.close()
    }
}
