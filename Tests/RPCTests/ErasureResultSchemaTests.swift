import Coordination
import Events
import RPC
import Testing

/// Over the dispatcher: `privacy.erase` answers the command result plus `erased`, and the
/// answers that then hold erased texts (`dossier.get`, `audit.trail`, `privacy.search`)
/// match the schemas `rpc.discover` publishes (nullable texts, the `erased` marker).
@Suite struct ErasureResultSchemaTests {
    @Test func erasureAndTheAnswersAfterItMatchThePublishedSchemas() async throws {
        // Given
        let test = try await RPCTestService.make()
        let admin = ActingPrincipal(principalId: "admin", role: .admin)
        let officerToken = Token.generate()
        let setup: [Command] = [
            .defineArea(code: "SD-noord", name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .establishTable(tableId: "t1", name: "Tafel", stadsdeel: "SD-noord", members: ["wonen"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast", summary: "Familie De Vries", area: nil, deadline: nil),
            .assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"),
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: "De Vries gebeld"),
            .escalate(dossierId: "d1", to: "college", reason: "De Vries weigert"),
            .registerPrincipal(principalId: "fg-1", name: "FG", role: .privacy, stadsdelen: [], departments: [], tokenHash: Token.hash(officerToken)),
        ]
        for command in setup { _ = try await test.service.execute(command, by: admin) }
        let methods = OpenRPCDocument.build(version: "test")["methods"]?.arrayValue ?? []
        func call(_ method: String, _ params: JSONValue, token: String) async throws -> (JSONValue, JSONValue) {
            let body: JSONValue = .object([("jsonrpc", "2.0"), ("id", 1), ("method", .string(method)), ("params", params)])
            let reply = try JSONParser.parse(await test.dispatcher.handle(body: body.canonicalBytes, authorization: "Bearer \(token)").body ?? [])
            let schema = try #require(methods.first { $0["name"] == .string(method) }?["result"]?["schema"])
            let result = try #require(reply["result"], "\(method): \(reply)")
            return (result, schema)
        }
        // When
        let (erased, eraseSchema) = try await call("privacy.erase", .object([("dossierId", "d1"), ("reason", "AVG art. 17")]), token: officerToken)
        // Then
        #expect(erased["erased"] == 3)
        #expect(JSONSchemaValidator(root: eraseSchema).validate(erased).isEmpty)
        let (dossier, dossierSchema) = try await call("dossier.get", .object([("dossierId", "d1")]), token: officerToken)
        #expect(dossier["summary"] == .null && dossier["erased"]?["summary"] != nil)
        #expect(JSONSchemaValidator(root: dossierSchema).validate(dossier).isEmpty, "\(JSONSchemaValidator(root: dossierSchema).validate(dossier))")
        let (trail, trailSchema) = try await call("audit.trail", .object([("dossierId", "d1")]), token: officerToken)
        #expect(JSONSchemaValidator(root: trailSchema).validate(trail).isEmpty, "\(JSONSchemaValidator(root: trailSchema).validate(trail))")
        let (search, searchSchema) = try await call("privacy.search", .object([("term", "de vries")]), token: officerToken)
        #expect(search["hits"] == .array([]))
        #expect(JSONSchemaValidator(root: searchSchema).validate(search).isEmpty)
        let (again, _) = try await call("privacy.erase", .object([("dossierId", "d1"), ("reason", "AVG art. 17")]), token: test.adminToken)
        #expect(again["erased"] == 0)
        #expect(again["positions"] == .array([]))
        await test.close()
    }
}
