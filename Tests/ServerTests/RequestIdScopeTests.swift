import Events
import Foundation
import Testing

/// Contract v2 on `requestId` over real HTTP: an id belongs to the principal that sends it.
@Suite(.serialized) struct RequestIdScopeTests {
    /// A stadsdeel with a table, a dossier assigned to Wonen, and tokens for its regisseur and Wonen.
    static func table(_ fixture: ServerFixture) throws -> (regisseur: String, wonen: String) {
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-centrum", "name": "Centrum", "kind": "stadsdeel"], token: admin)
        _ = try fixture.result("department.register", ["departmentId": "wonen", "name": "Wonen"], token: admin)
        let regisseur = try fixture.principal("regisseur-centrum", role: "regisseur", stadsdelen: ["SD-centrum"])
        let wonen = try fixture.principal("wonen-1", role: "department", departments: ["wonen"])
        _ = try fixture.result(
            "table.establish", ["tableId": "centrum", "name": "Centrum", "stadsdeel": "SD-centrum", "members": ["wonen"]], token: regisseur)
        _ = try fixture.result("dossier.raise", ["tableId": "centrum", "title": "Overlast Markt", "dossierId": "markt"], token: regisseur)
        _ = try fixture.result("dossier.assign", ["dossierId": "markt", "departmentId": "wonen", "role": "lead"], token: regisseur)
        return (regisseur, wonen)
    }

    @Test func anotherPrincipalsRequestIdDoesNotSwallowACommand() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let (regisseur, wonen) = try Self.table(fixture)
        // Given the regisseur sent a command with the id Wonen will use next.
        let taken = try fixture.result(
            "dossier.setDeadline", ["dossierId": "markt", "deadline": "2027-01-31", "requestId": "wonen-2026-12-04-1"], token: regisseur)
        // When Wonen sends its update with that id.
        let update: JSONValue = [
            "dossierId": "markt", "departmentId": "wonen", "status": "in_progress", "note": "huisbezoek", "requestId": "wonen-2026-12-04-1",
        ]
        let own = try fixture.result("dossier.updateStatus", update, token: wonen)
        // Then it is written and answered with Wonen's own position, not the regisseur's.
        guard case let .int(takenAt)? = taken["positions"]?[0], case let .int(ownAt)? = own["positions"]?[0] else {
            Issue.record("no positions: \(taken) \(own)")
            return
        }
        #expect(ownAt == takenAt + 1)
        let dossier = try fixture.result("dossier.get", ["dossierId": "markt"], token: wonen)
        #expect(dossier["departments"]?[0]?["status"] == "in_progress")
        // A retry is answered with the first result and writes nothing.
        #expect(try fixture.result("dossier.updateStatus", update, token: wonen) == own)
        // The same id from Wonen for another command is refused, naming the param.
        let reused = try fixture.failure(
            "dossier.updateStatus",
            ["dossierId": "markt", "departmentId": "wonen", "status": "done", "requestId": "wonen-2026-12-04-1"], token: wonen)
        #expect(reused.code == -32602)
        #expect(reused.data["kind"] == "request_id_reused")
        #expect(reused.data["fields"] == ["requestId"])
        let verify = try fixture.result("audit.verify", token: fixture.admin)
        #expect(verify["checked"] == .int(ownAt))
    }

    @Test func serverChosenIdsDeriveFromTheCallersOwnRequestId() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let (regisseur, wonen) = try Self.table(fixture)
        let params: JSONValue = ["tableId": "centrum", "title": "Graffiti", "requestId": "raise-1"]
        let byRegisseur = try fixture.result("dossier.raise", params, token: regisseur)
        let byWonen = try fixture.result("dossier.raise", params, token: wonen)
        #expect(byRegisseur["dossierId"] != nil)
        #expect(byWonen["dossierId"] != byRegisseur["dossierId"])
        #expect(try fixture.result("dossier.raise", params, token: wonen) == byWonen)
    }

    @Test func aForbiddenCommandIsForbiddenWhateverItsRequestId() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let (_, wonen) = try Self.table(fixture)
        _ = try fixture.result(
            "dossier.updateStatus", ["dossierId": "markt", "departmentId": "wonen", "status": "blocked", "requestId": "w-1"], token: wonen)
        let refused = try fixture.failure("dossier.close", ["dossierId": "markt", "resolution": "klaar", "requestId": "w-1"], token: wonen)
        #expect(refused.code == -32003)
    }
}
