import Events
import Foundation
import Testing

/// The reports a regisseur reads, over HTTP as of a position: `dashboard.stadsdeel` and a
/// paged `dossier.list` answer exactly what they answered live then, though dossiers were
/// raised (one sorting before the others), closed and escalated since.
@Suite(.serialized) struct ReportsAsOfOverHTTPTests {
    static func lastPosition(_ result: JSONValue) -> Int64? {
        guard case let .int(position)? = result["positions"]?.arrayValue?.last else { return nil }
        return position
    }

    /// Every page of `dossier.list` with `params`, one dossier a page.
    static func pages(_ fixture: ServerFixture, _ params: [(String, JSONValue)], token: String) throws -> [JSONValue] {
        var pages: [JSONValue] = []
        var cursor: JSONValue = .null
        repeat {
            var members = params + [("limit", .int(1))]
            if case .string = cursor { members.append(("cursor", cursor)) }
            let page = try fixture.result("dossier.list", .object(members), token: token)
            pages.append(page)
            cursor = page["nextCursor"] ?? .null
        } while cursor != .null && pages.count < 20
        return pages
    }

    @Test func theDashboardAndPagedListAsOfAPositionAnswerWhatTheyAnsweredThen() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-noord", "name": "Noord", "kind": "stadsdeel"], token: admin)
        _ = try fixture.result("area.define", ["code": "WK093501", "name": "Wyck", "kind": "wijk", "parent": "SD-noord"], token: admin)
        _ = try fixture.result("department.register", ["departmentId": "wonen", "name": "Wonen"], token: admin)
        let regisseur = try fixture.principal("reg-noord", role: "regisseur", stadsdelen: ["SD-noord"])
        _ = try fixture.result("table.establish", ["tableId": "t1", "name": "Tafel Noord", "stadsdeel": "SD-noord", "members": ["wonen"]], token: regisseur)
        for id in ["d2", "d4"] {
            _ = try fixture.result("dossier.raise", ["dossierId": .string(id), "tableId": "t1", "title": .string("Dossier \(id)"),
                "area": "WK093501", "deadline": "2027-01-10"], token: regisseur)
        }
        let assigned = try fixture.result("dossier.assign", ["dossierId": "d2", "departmentId": "wonen", "role": "lead"], token: regisseur)
        let at = try #require(Self.lastPosition(assigned))
        let query: [(String, JSONValue)] = [("tableId", "t1"), ("today", "2027-01-15")]
        let dashboardThen = try fixture.result("dashboard.stadsdeel", ["stadsdeel": "SD-noord", "today": "2027-01-15"], token: regisseur)
        let pagesThen = try Self.pages(fixture, query, token: regisseur)
        #expect(pagesThen.count == 2)

        // Since then: a dossier that sorts first, one after, one closed, one escalated.
        for id in ["d1", "d3"] {
            _ = try fixture.result("dossier.raise", ["dossierId": .string(id), "tableId": "t1", "title": .string("Dossier \(id)")], token: regisseur)
        }
        _ = try fixture.result("dossier.close", ["dossierId": "d4", "resolution": "Opgelost"], token: regisseur)
        _ = try fixture.result("dossier.escalate", ["dossierId": "d2", "to": "college", "reason": "Budget"], token: regisseur)
        let dashboardNow = try fixture.result("dashboard.stadsdeel", ["stadsdeel": "SD-noord", "today": "2027-01-15"], token: regisseur)
        #expect(dashboardNow != dashboardThen)
        #expect(try Self.pages(fixture, query, token: regisseur).count == 4)

        // As of that position: the same answers, page by page.
        let dashboardAsOf = try fixture.result("dashboard.stadsdeel", ["stadsdeel": "SD-noord", "today": "2027-01-15", "atPosition": .int(at)], token: regisseur)
        #expect(dashboardAsOf == dashboardThen)
        #expect(try Self.pages(fixture, query + [("atPosition", .int(at))], token: regisseur) == pagesThen)
        // Before the table existed: -32004; both moments at once: -32602.
        #expect(try fixture.failure("dossier.list", ["tableId": "t1", "atPosition": 2], token: regisseur).code == -32004)
        #expect(try fixture.failure("dashboard.stadsdeel", ["stadsdeel": "SD-noord", "atPosition": 1, "asOf": "2030-01-01T00:00:00Z"], token: regisseur).code == -32602)
        #expect(fixture.server.stop() == 0)
    }
}
