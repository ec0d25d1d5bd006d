import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// A confidential dossier through every query: an unassigned member department and an
/// unassigned partner do not learn what it is about (not even its title on the agenda, nor a
/// decision on it they own), an assigned department and partner, the regisseur, the
/// wethouder, the auditor and the admin read it; as-of answers judge it by the mark of now;
/// lifting the mark gives back what ordinary scope allows.
@Suite struct ConfidentialDossierScopeTests {
    typealias S = Scenario

    static let title = "Zorgmijder Frontenpark"
    static let restrictedItemFields: Set<String> = ["itemId", "position", "dossierId", "title", "overallStatus", "overdue", "carriedOver"]
    static let openbareRuimte = S.openbareRuimte
    static let politie = S.politie
    static let wonen = S.wonen
    static let corporatie = ActingPrincipal(principalId: "corporatie-1", role: .partner, departments: ["corporatie"])
    /// Those the mark hides d1 from, and those who still read it.
    static let unassigned = [openbareRuimte, politie]
    static let readers = [wonen, corporatie, S.regisseur, S.wethouder, S.auditor, S.admin]

    struct World {
        let service: CoordinationService
        let store: any EventStore
        /// The head before d1 was marked confidential, and right after.
        let before: Int64
        let marked: Int64
    }

    /// Table t1 in Noord with Wonen, Openbare Ruimte, Politie and Corporatie. d1 (raised by
    /// Openbare Ruimte itself) is Wonen's and Corporatie's; d2 is Openbare Ruimte's and
    /// Politie's. Meeting m1 holds d1, d2 and a topic; decision b1 on d1 and b2 on d2 are
    /// both owned by Openbare Ruimte. Then the regisseur marks d1 confidential.
    static func world() async throws -> World {
        let directory = NSTemporaryDirectory() + "/tafel-confidential-" + EventId.random()
        let store = try FileEventStore.open(directory: directory)
        let service = try await CoordinationService(store: store)
        let setup: [(Command, ActingPrincipal)] = [
            (.defineArea(code: S.noord, name: "Noordoost", kind: "stadsdeel", parent: nil), S.admin),
            (.registerDepartment(departmentId: "wonen", name: "Wonen", external: false), S.admin),
            (.registerDepartment(departmentId: "openbare-ruimte", name: "Openbare Ruimte", external: false), S.admin),
            (.registerDepartment(departmentId: "politie", name: "Politie", external: true), S.admin),
            (.registerDepartment(departmentId: "corporatie", name: "Woningcorporatie", external: true), S.admin),
            (.establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: S.noord, members: ["wonen", "openbare-ruimte", "politie", "corporatie"]), S.admin),
            (.raiseDossier(dossierId: "d1", tableId: "t1", title: title, summary: nil, area: nil, deadline: "2026-11-01"), openbareRuimte),
            (.assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"), S.regisseur),
            (.assignDepartment(dossierId: "d1", departmentId: "corporatie", role: "contributor"), S.regisseur),
            (.updateStatus(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: nil), wonen),
            (.raiseDossier(dossierId: "d2", tableId: "t1", title: "Zwerfafval Wyck", summary: nil, area: nil, deadline: nil), S.regisseur),
            (.assignDepartment(dossierId: "d2", departmentId: "openbare-ruimte", role: "lead"), S.regisseur),
            (.assignDepartment(dossierId: "d2", departmentId: "politie", role: "contributor"), S.regisseur),
            (.scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil), S.regisseur),
            (.addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: nil), S.regisseur),
            (.addAgendaItem(meetingId: "m1", itemId: "i2", dossierId: "d2", topic: nil), S.regisseur),
            (.addAgendaItem(meetingId: "m1", itemId: "i3", dossierId: nil, topic: "Rondvraag"), S.regisseur),
            (.takeDecision(decisionId: "b1", meetingId: "m1", text: "Huisbezoek", ownerDepartment: "openbare-ruimte", dossierId: "d1", due: "2026-12-01"), S.regisseur),
            (.takeDecision(decisionId: "b2", meetingId: "m1", text: "Extra ronde", ownerDepartment: "openbare-ruimte", dossierId: "d2", due: "2026-12-01"), S.regisseur),
        ]
        for (command, principal) in setup { _ = try await service.execute(command, by: principal) }
        let before = try await store.head().position
        _ = try await service.execute(.setConfidentiality(dossierId: "d1", confidential: true, reason: "Zorgsignaal"), by: S.regisseur)
        return World(service: service, store: store, before: before, marked: try await store.head().position)
    }

    static func answer(_ world: World, _ query: Query, by principal: ActingPrincipal) async throws -> JSONValue {
        try await world.service.answer(query, by: principal)
    }

    static func refusal(_ world: World, _ query: Query, by principal: ActingPrincipal) async -> DomainError.Kind? {
        do {
            _ = try await world.service.answer(query, by: principal)
            return nil
        } catch let error as DomainError {
            return error.kind
        } catch {
            return nil
        }
    }

    static func text(_ value: JSONValue) -> String { String(decoding: value.canonicalBytes, as: UTF8.self) }
    static func keys(_ value: JSONValue?) -> Set<String> { Set(value?.objectMembers?.map(\.0) ?? []) }
    static func strings(_ value: JSONValue?, _ key: String) -> [String] {
        (value?.arrayValue ?? []).compactMap { if case let .string(text)? = $0[key] { return text } else { return nil } }
    }

    static func agenda(_ moment: Moment = .live) -> Query { .agenda(tableId: "t1", meetingId: "m1", moment: moment, today: "2026-11-30") }
    static func trail(_ selection: AuditSelection) -> Query { .auditTrail(selection, from: nil, until: nil, limit: 100, cursor: nil) }

    @Test func theAgendaHidesTheTitleAndTheDecisionsOfAConfidentialDossierFromUnassignedMembers() async throws {
        let world = try await Self.world()
        for principal in Self.unassigned {
            let agenda = try await Self.answer(world, Self.agenda(), by: principal)
            let items = agenda["items"]?.arrayValue ?? []
            #expect(Self.strings(agenda["items"], "itemId") == ["i1", "i2", "i3"], "every item stays on the agenda")
            #expect(Self.keys(items.first) == Self.restrictedItemFields)
            #expect(items.first?["title"] == .string(AgendaView.confidentialTitle))
            #expect(items.first?["dossierId"] == "d1" && items.first?["overallStatus"] == "in_progress" && items.first?["overdue"] == true)
            #expect(items.dropFirst().first?["title"] == "Zwerfafval Wyck", "\(principal.principalId) reads d2 as before")
            #expect(!Self.text(agenda).contains(Self.title))
            #expect(Self.strings(agenda["decisionsDue"], "decisionId") == ["b2"], "not even the owner of b1 reads it")
        }
        for principal in Self.readers {
            let agenda = try await Self.answer(world, Self.agenda(), by: principal)
            let first = agenda["items"]?.arrayValue?.first
            #expect(first?["title"] == .string(Self.title), "\(principal.principalId)")
            #expect(first?["confidential"] == true && first?["departments"]?.arrayValue?.count == 2, "\(principal.principalId)")
            #expect(Self.strings(agenda["decisionsDue"], "decisionId").contains("b1"), "\(principal.principalId)")
        }
        await world.store.close()
    }

    @Test func dossierGetListAndOverviewLeaveItOutForUnassignedMembersAndShowTheMarkToReaders() async throws {
        let world = try await Self.world()
        for principal in Self.unassigned {
            #expect(await Self.refusal(world, .dossier(dossierId: "d1", moment: .live, today: nil), by: principal) == .forbidden)
            let list = try await Self.answer(world, .dossierList(.init(), today: nil, limit: 100, cursor: nil), by: principal)
            #expect(Self.strings(list["items"], "dossierId") == ["d2"])
            let own = try await Self.answer(world, .departmentOverview(departmentId: principal.departments.sorted()[0], today: nil), by: principal)
            #expect(Self.strings(own["dossiers"], "dossierId") == ["d2"])
            #expect(await Self.refusal(world, .departmentOverview(departmentId: "wonen", today: nil), by: principal) == .forbidden)
        }
        for principal in Self.readers {
            let dossier = try await Self.answer(world, .dossier(dossierId: "d1", moment: .live, today: nil), by: principal)
            #expect(dossier["confidential"] == true && dossier["title"] == .string(Self.title), "\(principal.principalId)")
            let list = try await Self.answer(world, .dossierList(.init(tableId: "t1"), today: nil, limit: 100, cursor: nil), by: principal)
            #expect(Self.strings(list["items"], "dossierId").first == "d1", "\(principal.principalId)")
            #expect(list["items"]?.arrayValue?.first?["confidential"] == true)
        }
        let wonen = try await Self.answer(world, .departmentOverview(departmentId: "wonen", today: nil), by: Self.wonen)
        #expect(Self.strings(wonen["dossiers"], "dossierId") == ["d1"])
        #expect(wonen["dossiers"]?.arrayValue?.first?["confidential"] == true)
        let byRegisseur = try await Self.answer(world, .departmentOverview(departmentId: "corporatie", today: nil), by: S.regisseur)
        #expect(Self.strings(byRegisseur["dossiers"], "dossierId") == ["d1"])
        let d2 = try await Self.answer(world, .dossier(dossierId: "d2", moment: .live, today: nil), by: Self.openbareRuimte)
        #expect(d2["confidential"] == false)
        await world.store.close()
    }

    @Test func theDashboardStillCountsItForThoseWhoReadDashboards() async throws {
        let world = try await Self.world()
        for principal in [S.regisseur, S.wethouder, S.auditor] {
            let dashboard = try await Self.answer(world, .dashboard(stadsdeel: S.noord, today: "2026-11-30"), by: principal)
            let counts: [Int64] = (dashboard["byStatus"]?.objectMembers ?? []).compactMap { member in
                if case let .int(count) = member.1 { return count }
                return nil
            }
            #expect(counts.reduce(0, +) == 2, "\(principal.principalId): \(Self.text(dashboard))")
            #expect(dashboard["decisions"]?["open"] == 2)
            #expect(!Self.text(dashboard).contains("d1"), "a dashboard names no dossier")
        }
        for principal in Self.unassigned + [Self.wonen, Self.corporatie] {
            #expect(await Self.refusal(world, .dashboard(stadsdeel: S.noord, today: nil), by: principal) == .forbidden)
        }
        await world.store.close()
    }

    @Test func theAuditTrailHidesItFromUnassignedMembersAlsoInTheirOwnTrail() async throws {
        let world = try await Self.world()
        for principal in Self.unassigned {
            #expect(await Self.refusal(world, Self.trail(.dossier("d1")), by: principal) == .forbidden)
            #expect(await Self.refusal(world, Self.trail(.stream("dossier-d1")), by: principal) == .forbidden)
            #expect(await Self.refusal(world, Self.trail(.stream("decision-b1")), by: principal) == .forbidden, "the owner of b1 included")
            #expect(try await Self.answer(world, Self.trail(.stream("decision-b2")), by: principal)["events"]?.arrayValue?.count == 1)
            let meeting = try await Self.answer(world, Self.trail(.stream("meeting-m1")), by: principal)
            #expect(Self.strings(meeting["events"], "type").contains("AgendaItemAdded"))
            #expect(!Self.text(meeting).contains("\"d1\""), "\(principal.principalId) reads d1's agenda events")
            #expect(await Self.refusal(world, .readEvents(fromPosition: 1, limit: 10), by: principal) == .forbidden)
            let verify = try await Self.answer(world, .auditVerify, by: principal)
            #expect(verify["ok"] == true && !Self.text(verify).contains("\"d1\""))
        }
        // Openbare Ruimte raised d1 itself; its own trail no longer shows that.
        let own = try await Self.answer(world, Self.trail(.actor(Self.openbareRuimte.principalId)), by: Self.openbareRuimte)
        #expect(own["events"]?.arrayValue?.isEmpty == true, "\(Self.text(own))")
        let audited = try await Self.answer(world, Self.trail(.actor(Self.openbareRuimte.principalId)), by: S.auditor)
        #expect(Self.strings(audited["events"], "type") == ["DossierRaised"])

        for principal in Self.readers {
            let trail = try await Self.answer(world, Self.trail(.dossier("d1")), by: principal)
            #expect(Self.strings(trail["events"], "type").last == "DossierConfidentialitySet", "\(principal.principalId)")
            #expect(try await Self.answer(world, Self.trail(.stream("decision-b1")), by: principal)["events"]?.arrayValue?.count == 1)
            let meeting = try await Self.answer(world, Self.trail(.stream("meeting-m1")), by: principal)
            #expect(Self.text(meeting).contains("\"d1\""), "\(principal.principalId) reads d1's agenda events")
        }
        let raw = try await Self.answer(world, .readEvents(fromPosition: world.marked, limit: 1), by: S.auditor)
        #expect(Self.strings(raw["events"], "type") == ["DossierConfidentialitySet"])
        await world.store.close()
    }

    @Test func asOfAnswersJudgeTheMarkOfNowBeforeAndAfterItWasSet() async throws {
        let world = try await Self.world()
        for moment in [Moment.atPosition(world.before), .atPosition(world.marked)] {
            for principal in Self.unassigned {
                let agenda = try await Self.answer(world, Self.agenda(moment), by: principal)
                #expect(agenda["items"]?.arrayValue?.first?["title"] == .string(AgendaView.confidentialTitle), "\(moment) \(principal.principalId)")
                #expect(Self.strings(agenda["decisionsDue"], "decisionId") == ["b2"])
                #expect(await Self.refusal(world, .dossier(dossierId: "d1", moment: moment, today: nil), by: principal) == .forbidden)
            }
        }
        for principal in [Self.wonen, Self.corporatie, S.regisseur, S.wethouder] {
            let then = try await Self.answer(world, .dossier(dossierId: "d1", moment: .atPosition(world.before), today: nil), by: principal)
            #expect(then["confidential"] == false && then["title"] == .string(Self.title), "\(principal.principalId)")
            let after = try await Self.answer(world, .dossier(dossierId: "d1", moment: .atPosition(world.marked), today: nil), by: principal)
            #expect(after["confidential"] == true, "\(principal.principalId)")
            let agenda = try await Self.answer(world, Self.agenda(.atPosition(world.before)), by: principal)
            #expect(agenda["items"]?.arrayValue?.first?["title"] == .string(Self.title))
        }
        await world.store.close()
    }

    @Test func liftingTheMarkGivesBackWhatOrdinaryScopeAllows() async throws {
        let world = try await Self.world()
        _ = try await world.service.execute(.setConfidentiality(dossierId: "d1", confidential: false, reason: "Afgeschaald"), by: S.regisseur)
        let lifted = try await world.store.head().position
        for principal in Self.unassigned {
            for moment in [Moment.live, .atPosition(world.marked), .atPosition(lifted)] {
                let agenda = try await Self.answer(world, Self.agenda(moment), by: principal)
                let first = agenda["items"]?.arrayValue?.first
                #expect(first?["title"] == .string(Self.title), "\(moment) \(principal.principalId)")
                #expect(Self.keys(first) == Self.restrictedItemFields, "still not assigned: no statuses")
            }
            #expect(await Self.refusal(world, .dossier(dossierId: "d1", moment: .live, today: nil), by: principal) == .forbidden)
        }
        let owner = try await Self.answer(world, Self.agenda(), by: Self.openbareRuimte)
        #expect(Self.strings(owner["decisionsDue"], "decisionId") == ["b1", "b2"], "the owner reads b1 again")
        #expect(try await Self.answer(world, Self.trail(.stream("decision-b1")), by: Self.openbareRuimte)["events"]?.arrayValue?.count == 1)
        let regisseur = try await Self.answer(world, .dossier(dossierId: "d1", moment: .live, today: nil), by: S.regisseur)
        #expect(regisseur["confidential"] == false)
        await world.store.close()
    }
}
