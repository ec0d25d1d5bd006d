import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// The reference-data queries (`table.list`, `department.list`, `area.list`, `principal.me`)
/// for every role: each may call them, `table.list` holds only the tables the caller may
/// read, and `principal.me` answers the caller as the model holds it, without its token hash.
@Suite struct ReferenceDataTests {
    typealias S = Scenario

    /// Noord with wijk Wyck and buurt Wyck-Oost, Zuid with wijk Heer; table t1 in Noord
    /// (Wonen, Openbare Ruimte, Politie), t2 in Zuid (Verkeer), t3 in Noord (Verkeer). t1 has
    /// a closed meeting m0 and open meetings m2 (later) and m1 (earlier); t2 and t3 none.
    static func service() async throws -> CoordinationService {
        let directory = NSTemporaryDirectory() + "/tafel-reference-" + EventId.random()
        let service = try await CoordinationService(store: try FileEventStore.open(directory: directory))
        let setup: [Command] = [
            .defineArea(code: S.noord, name: "Noordoost", kind: "stadsdeel", parent: nil),
            .defineArea(code: S.zuid, name: "Zuidwest", kind: "stadsdeel", parent: nil),
            .defineArea(code: "WK093501", name: "Wyck", kind: "wijk", parent: S.noord),
            .defineArea(code: "BU09350101", name: "Wyck-Oost", kind: "buurt", parent: "WK093501"),
            .defineArea(code: "WK093502", name: "Heer", kind: "wijk", parent: S.zuid),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .registerDepartment(departmentId: "openbare-ruimte", name: "Openbare Ruimte", external: false),
            .registerDepartment(departmentId: "verkeer", name: "Verkeer en Mobiliteit", external: false),
            .registerDepartment(departmentId: "politie", name: "Politie", external: true),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: S.noord, members: ["wonen", "openbare-ruimte", "politie"]),
            .establishTable(tableId: "t2", name: "Tafel Zuidwest", stadsdeel: S.zuid, members: ["verkeer"]),
            .establishTable(tableId: "t3", name: "Verkeerstafel Noordoost", stadsdeel: S.noord, members: ["verkeer"]),
            .scheduleMeeting(meetingId: "m0", tableId: "t1", date: "2026-11-01", location: nil),
            .closeMeeting(meetingId: "m0"),
            // Years ahead: table.list judges "next" by the server's date.
            .scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2036-12-17", location: nil),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2036-12-03", location: "Stadhuis"),
        ]
        for command in setup { _ = try await service.execute(command, by: S.admin) }
        return service
    }

    static func refusal(_ service: CoordinationService, _ query: Query, by principal: ActingPrincipal) async -> DomainError.Kind? {
        do {
            _ = try await service.answer(query, by: principal)
            return nil
        } catch let error as DomainError {
            return error.kind
        } catch {
            return nil
        }
    }

    static func strings(_ value: JSONValue?, _ key: String) -> [String] {
        (value?.arrayValue ?? []).compactMap { if case let .string(text)? = $0[key] { return text } else { return nil } }
    }

    static func text(_ value: JSONValue) -> String { String(decoding: value.canonicalBytes, as: UTF8.self) }

    /// One principal of every role, with the tables it reads. A department reads the tables
    /// where it sits, in any stadsdeel; the privacy officer has no table scope.
    static func readers() -> [(ActingPrincipal, [String])] {
        let byRole: [Role: [(ActingPrincipal, [String])]] = [
            .admin: [(S.admin, ["t1", "t2", "t3"])],
            .auditor: [(S.auditor, ["t1", "t2", "t3"])],
            .regisseur: [(S.regisseur, ["t1", "t3"]), (S.otherRegisseur, ["t2"])],
            .wethouder: [(S.wethouder, ["t1", "t3"]), (S.otherWethouder, ["t2"])],
            .department: [(S.wonen, ["t1"]), (S.verkeer, ["t2", "t3"])],
            .partner: [(S.politie, ["t1"]), (ActingPrincipal(principalId: "nobody-partner", role: .partner, departments: ["elders"]), [])],
            .privacy: [(ActingPrincipal(principalId: "fg-1", role: .privacy), [])],
        ]
        #expect(Set(byRole.keys) == Set(Role.allCases), "place every role in this matrix")
        return Role.allCases.flatMap { byRole[$0] ?? [] }
    }

    @Test func everyRoleListsTheTablesItMayReadAndNoOthers() async throws {
        let service = try await Self.service()
        for (principal, tables) in Self.readers() {
            let answer = try await service.answer(.tableList(stadsdeel: nil), by: principal)
            #expect(Self.strings(answer["tables"], "tableId") == tables, "\(principal.principalId)")
        }
    }

    @Test func aTableShowsItsStadsdeelMembersAndTheMeetingAgendaGetShowsNext() async throws {
        let service = try await Self.service()
        let answer = try await service.answer(.tableList(stadsdeel: nil), by: S.admin)
        let first = answer["tables"]?.arrayValue?.first
        #expect(first?["name"] == "Tafel Noordoost" && first?["stadsdeel"] == .string(S.noord))
        #expect(first?["members"] == ["wonen", "openbare-ruimte", "politie"])
        #expect(first?["nextMeeting"] == .object([("meetingId", "m1"), ("date", "2036-12-03"), ("location", "Stadhuis")]))
        let agenda = try await service.answer(.agenda(tableId: "t1", meetingId: nil, moment: .live, today: nil), by: S.admin)
        #expect(agenda["meeting"]?["meetingId"] == first?["nextMeeting"]?["meetingId"])
        #expect(answer["tables"]?.arrayValue?.last?["nextMeeting"] == .null)
    }

    @Test func theStadsdeelFilterNarrowsWithinScopeAndNeverWidensIt() async throws {
        let service = try await Self.service()
        let noord = try await service.answer(.tableList(stadsdeel: S.noord), by: S.admin)
        #expect(Self.strings(noord["tables"], "tableId") == ["t1", "t3"])
        let elsewhere = try await service.answer(.tableList(stadsdeel: S.noord), by: S.otherRegisseur)
        #expect(Self.strings(elsewhere["tables"], "tableId") == [], "a regisseur of Zuid lists no table of Noord")
        let verkeer = try await service.answer(.tableList(stadsdeel: S.noord), by: S.verkeer)
        #expect(Self.strings(verkeer["tables"], "tableId") == ["t3"])
        #expect(await Self.refusal(service, .tableList(stadsdeel: "SD-nergens"), by: S.admin) == .notFound)
        #expect(await Self.refusal(service, .tableList(stadsdeel: "WK093501"), by: S.admin) == .notFound, "a wijk is no stadsdeel")
        #expect(await Self.refusal(service, .tableList(stadsdeel: "noord"), by: S.admin) == .invalidParams)
    }

    @Test func everyRoleListsEveryDepartmentAndEveryArea() async throws {
        let service = try await Self.service()
        for (principal, _) in Self.readers() {
            let departments = try await service.answer(.departmentList, by: principal)
            #expect(Self.strings(departments["departments"], "departmentId") == ["openbare-ruimte", "politie", "verkeer", "wonen"])
            #expect(departments["departments"]?.arrayValue?[1] == .object([("departmentId", "politie"), ("name", "Politie"), ("external", true)]))
            let areas = try await service.answer(.areaList(under: nil), by: principal)
            #expect(Self.strings(areas["areas"], "code") == ["BU09350101", S.noord, S.zuid, "WK093501", "WK093502"], "\(principal.principalId)")
        }
    }

    @Test func areasUnderOneAreaAreItsDescendantsAtAnyDepth() async throws {
        let service = try await Self.service()
        let noord = try await service.answer(.areaList(under: S.noord), by: S.wonen)
        #expect(Self.strings(noord["areas"], "code") == ["BU09350101", "WK093501"])
        #expect(noord["areas"]?.arrayValue?.first == .object([("code", "BU09350101"), ("name", "Wyck-Oost"), ("kind", "buurt"), ("parent", "WK093501")]))
        let buurt = try await service.answer(.areaList(under: "BU09350101"), by: S.wonen)
        #expect(buurt["areas"] == .array([]))
        let stadsdeel = try await service.answer(.areaList(under: nil), by: S.wonen)
        #expect(stadsdeel["areas"]?.arrayValue?[1]["parent"] == .null)
        #expect(await Self.refusal(service, .areaList(under: "WK099999"), by: S.wonen) == .notFound)
        #expect(await Self.refusal(service, .areaList(under: "Wyck"), by: S.wonen) == .invalidParams)
    }

    @Test func principalMeAnswersTheCallerAsTheModelHoldsItWithoutTheTokenHash() async throws {
        let service = try await Self.service()
        let hash = Token.hash(Token.generate())
        _ = try await service.execute(.registerPrincipal(
            principalId: "wonen-1", name: "Anna de Vries", role: .department, stadsdelen: [S.noord], departments: ["wonen"], tokenHash: hash),
            by: S.admin)
        let claimed = ActingPrincipal(principalId: "wonen-1", role: .department, departments: ["verkeer"])
        let me = try await service.answer(.principalMe, by: claimed)
        #expect(me == .object([
            ("principalId", "wonen-1"), ("name", "Anna de Vries"), ("role", "department"), ("stadsdelen", [.string(S.noord)]),
            ("departments", ["wonen"]),
        ]))
        #expect(!Self.text(me).contains(hash), "principal.me repeats the token hash")
        _ = try await service.execute(.revokePrincipal(principalId: "wonen-1"), by: S.admin)
        #expect(await Self.refusal(service, .principalMe, by: claimed) == .unauthenticated)
    }
}
