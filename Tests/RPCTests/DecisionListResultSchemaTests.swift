import Coordination
import Events
import Projections
import RPC
import Testing

/// The answers of `decision.list` and `department.overview`, with decisions in every state
/// and with and without a progress report, match the result schemas `rpc.discover`
/// publishes for them.
@Suite struct DecisionListResultSchemaTests {
    @Test func theActielijstMatchesItsPublishedSchema() async throws {
        let test = try await RPCTestService.make()
        let admin = ActingPrincipal(principalId: "admin", role: .admin)
        let setup: [Command] = [
            .defineArea(code: "SD-noord", name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .establishTable(tableId: "t1", name: "Tafel", stadsdeel: "SD-noord", members: ["wonen"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast", summary: nil, area: nil, deadline: nil),
            .assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
            .takeDecision(decisionId: "b1", meetingId: "m1", text: "Schouw", ownerDepartment: "wonen", dossierId: "d1", due: "2026-12-10"),
            .takeDecision(decisionId: "b2", meetingId: "m1", text: "Brief", ownerDepartment: "wonen", dossierId: nil, due: nil),
            .takeDecision(decisionId: "b3", meetingId: "m1", text: "Hek", ownerDepartment: "wonen", dossierId: nil, due: "2026-12-01"),
            .reportDecisionProgress(decisionId: "b1", status: "blocked", note: "Wacht"),
            .completeDecision(decisionId: "b2", note: "Verstuurd"),
            .withdrawDecision(decisionId: "b3", reason: "Vervallen"),
        ]
        for command in setup { _ = try await test.service.execute(command, by: admin) }
        let methods = OpenRPCDocument.build(version: "test")["methods"]?.arrayValue ?? []
        let answers: [(String, Query)] = [
            ("decision.list", .decisionList(DecisionFilter(), moment: .live, today: "2026-12-20", limit: 100, cursor: nil)),
            ("decision.list", .decisionList(DecisionFilter(), moment: .atPosition(3), today: "2026-12-20", limit: 100, cursor: nil)),
            ("department.overview", .departmentOverview(departmentId: "wonen", today: "2026-12-20")),
        ]
        for (name, query) in answers {
            let schema = try #require(methods.first { $0["name"] == .string(name) }?["result"]?["schema"], "\(name) publishes no result schema")
            let answer = try await test.service.answer(query, by: admin)
            let problems = JSONSchemaValidator(root: schema).validate(answer)
            #expect(problems.isEmpty, "\(name): \(problems)")
            #expect(!JSONSchemaValidator(root: schema).validate(.object([])).isEmpty, "\(name): the schema promises nothing")
        }
        let list = try await test.service.answer(answers[0].1, by: admin)
        let items = list["items"]?.arrayValue ?? []
        #expect(items.compactMap { $0["state"] } == [.string("withdrawn"), .string("open"), .string("completed")])
        #expect(items.map { $0["progress"] == .null } == [true, false, true], "both shapes of progress were checked")
        await test.close()
    }
}
