import Coordination
import Events
import RPC
import Testing

/// The answers of `table.list` (with and without a next meeting), `department.list`,
/// `area.list` (a root and a child) and `principal.me` match the result schemas
/// `rpc.discover` publishes for them, and the schemas do refuse a shape without a promised field.
@Suite struct ReferenceDataResultSchemaTests {
    @Test func everyReferenceAnswerMatchesItsPublishedSchema() async throws {
        let test = try await RPCTestService.make()
        let admin = ActingPrincipal(principalId: "admin", role: .admin)
        let setup: [Command] = [
            .defineArea(code: "SD-noord", name: "Noordoost", kind: "stadsdeel", parent: nil),
            .defineArea(code: "WK093501", name: "Wyck", kind: "wijk", parent: "SD-noord"),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .registerDepartment(departmentId: "politie", name: "Politie", external: true),
            .establishTable(tableId: "t1", name: "Tafel", stadsdeel: "SD-noord", members: ["wonen", "politie"]),
            .establishTable(tableId: "t2", name: "Tafel twee", stadsdeel: "SD-noord", members: []),
            // Years ahead: `nextMeeting` counts from the server's date.
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2036-12-03", location: nil),
        ]
        for command in setup { _ = try await test.service.execute(command, by: admin) }
        let methods = OpenRPCDocument.build(version: "test")["methods"]?.arrayValue ?? []
        let answers: [(String, Query)] = [
            ("table.list", .tableList(stadsdeel: nil)), ("department.list", .departmentList), ("area.list", .areaList(under: nil)),
            ("principal.me", .principalMe),
        ]
        for (name, query) in answers {
            let schema = try #require(methods.first { $0["name"] == .string(name) }?["result"]?["schema"], "\(name) publishes no result schema")
            let answer = try await test.service.answer(query, by: admin)
            let problems = JSONSchemaValidator(root: schema).validate(answer)
            #expect(problems.isEmpty, "\(name): \(problems)")
            #expect(!JSONSchemaValidator(root: schema).validate(.object([])).isEmpty, "\(name): the schema promises nothing")
        }
        let tables = try await test.service.answer(.tableList(stadsdeel: nil), by: admin)
        #expect(tables["tables"]?.arrayValue?.map { $0["nextMeeting"] == .null } == [false, true], "both shapes of nextMeeting were checked")
        await test.close()
    }
}
