import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// Every query as a department that is not assigned to a dossier and as a partner that is
/// assigned to none: they see what their scope allows and nothing of the other dossiers'
/// statuses, notes or decisions, live and as of any past moment (judged by their rights now).
@Suite struct ReadScopeTests {
    typealias S = Scenario

    static let restrictedItemFields: Set<String> = ["itemId", "position", "dossierId", "title", "overallStatus", "overdue", "carriedOver"]
    static let secrets = ["notitie-wonen-d1", "notitie-or-d2", "bespreking-d2", "besluit-d2", "escalatie-d2"]

    /// Table t1 in Noord with Wonen, Openbare Ruimte and Politie; d1 is Wonen's, d2 Openbare
    /// Ruimte's, each with a status note; meeting m1 holds d1, d2 and a topic; a decision is
    /// due on each dossier and one on the meeting itself. Returns the position after setup.
    static func service() async throws -> (CoordinationService, any EventStore, Int64) {
        let directory = NSTemporaryDirectory() + "/tafel-scope-" + EventId.random()
        let store = try FileEventStore.open(directory: directory)
        let service = try await CoordinationService(store: store)
        let setup: [Command] = [
            .defineArea(code: S.noord, name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .registerDepartment(departmentId: "openbare-ruimte", name: "Openbare Ruimte", external: false),
            .registerDepartment(departmentId: "politie", name: "Politie", external: true),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: S.noord, members: ["wonen", "openbare-ruimte", "politie"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast Frontenpark", summary: nil, area: nil, deadline: "2026-11-01"),
            .assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"),
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: "notitie-wonen-d1"),
            .raiseDossier(dossierId: "d2", tableId: "t1", title: "Jeugdoverlast Wyck", summary: nil, area: nil, deadline: "2026-11-01"),
            .assignDepartment(dossierId: "d2", departmentId: "openbare-ruimte", role: "lead"),
            .updateStatus(dossierId: "d2", departmentId: "openbare-ruimte", status: "blocked", note: "notitie-or-d2"),
            .escalate(dossierId: "d2", to: "directie", reason: "escalatie-d2"),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i2", dossierId: "d2", topic: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i3", dossierId: nil, topic: "Rondvraag"),
            .recordDiscussion(meetingId: "m1", itemId: "i2", notes: "bespreking-d2"),
            .takeDecision(decisionId: "b1", meetingId: "m1", text: "besluit-d1", ownerDepartment: "wonen", dossierId: "d1", due: "2026-12-01"),
            .takeDecision(decisionId: "b2", meetingId: "m1", text: "besluit-d2", ownerDepartment: "openbare-ruimte", dossierId: "d2", due: "2026-12-01"),
            .takeDecision(decisionId: "b3", meetingId: "m1", text: "besluit-tafel", ownerDepartment: "openbare-ruimte", dossierId: nil, due: "2026-12-01"),
        ]
        for command in setup { _ = try await service.execute(command, by: S.admin) }
        return (service, store, try await store.head().position)
    }

    static func answer(_ service: CoordinationService, _ query: Query, by principal: ActingPrincipal) async throws -> JSONValue {
        try await service.answer(query, by: principal)
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

    static func text(_ value: JSONValue) -> String { String(decoding: value.canonicalBytes, as: UTF8.self) }

    static func keys(_ value: JSONValue?) -> Set<String> { Set(value?.objectMembers?.map(\.0) ?? []) }

    static func strings(_ value: JSONValue?, _ key: String) -> [String] {
        (value?.arrayValue ?? []).compactMap { if case let .string(text)? = $0[key] { return text } else { return nil } }
    }

    @Test func anAgendaShowsItemsOnDossiersTheReaderMayNotReadWithoutStatusesOrNotes() async throws {
        let (service, store, _) = try await Self.service()
        let agenda = try await Self.answer(service, .agenda(tableId: "t1", meetingId: "m1", moment: .live, today: "2026-11-30"), by: S.wonen)
        let items = agenda["items"]?.arrayValue ?? []
        #expect(items.count == 3)
        #expect(Self.keys(items.first).isSuperset(of: ["departments", "escalation", "deadline"]), "Wonen reads its own dossier in full")
        #expect(items.first?["departments"]?.arrayValue?.first?["note"] == "notitie-wonen-d1")
        #expect(Self.keys(items.dropFirst().first) == Self.restrictedItemFields)
        #expect(items.dropFirst().first?["overallStatus"] == "escalated")
        #expect(items.dropFirst().first?["overdue"] == true)
        #expect(items.last?["topic"] == "Rondvraag")
        #expect(Self.strings(agenda["decisionsDue"], "decisionId") == ["b1", "b3"])
        for secret in ["notitie-or-d2", "bespreking-d2", "besluit-d2", "escalatie-d2"] {
            #expect(!Self.text(agenda).contains(secret), "Wonen reads \(secret) on the agenda")
        }

        let partner = try await Self.answer(service, .agenda(tableId: "t1", meetingId: nil, moment: .live, today: "2026-11-30"), by: S.politie)
        let partnerItems = partner["items"]?.arrayValue ?? []
        #expect(partnerItems.count == 3)
        #expect(partnerItems.prefix(2).allSatisfy { Self.keys($0) == Self.restrictedItemFields })
        #expect(Self.strings(partner["decisionsDue"], "decisionId") == ["b3"])
        for secret in Self.secrets { #expect(!Self.text(partner).contains(secret), "Politie reads \(secret) on the agenda") }

        let regisseur = try await Self.answer(service, .agenda(tableId: "t1", meetingId: "m1", moment: .live, today: "2026-11-30"), by: S.regisseur)
        #expect((regisseur["items"]?.arrayValue ?? []).prefix(2).allSatisfy { $0["departments"]?.arrayValue?.count == 1 })
        #expect(Self.strings(regisseur["decisionsDue"], "decisionId") == ["b1", "b2", "b3"])
        await store.close()
    }

    @Test func asOfQueriesJudgeScopeByTheReadersRightsNow() async throws {
        let (service, store, before) = try await Self.service()
        #expect(try await Self.answer(service, .dossier(dossierId: "d1", moment: .atPosition(before), today: nil), by: S.wonen)["dossierId"] == "d1")
        _ = try await service.execute(.unassignDepartment(dossierId: "d1", departmentId: "wonen"), by: S.admin)
        _ = try await service.execute(.removeTableMember(tableId: "t1", departmentId: "politie"), by: S.admin)

        #expect(await Self.refusal(service, .dossier(dossierId: "d1", moment: .live, today: nil), by: S.wonen) == .forbidden)
        #expect(await Self.refusal(service, .dossier(dossierId: "d1", moment: .atPosition(before), today: nil), by: S.wonen) == .forbidden)
        let asOf = try await Self.answer(service, .agenda(tableId: "t1", meetingId: "m1", moment: .atPosition(before), today: "2026-11-30"), by: S.wonen)
        #expect(Self.keys(asOf["items"]?.arrayValue?.first) == Self.restrictedItemFields)
        #expect(!Self.text(asOf).contains("notitie-wonen-d1"))
        #expect(Self.strings(asOf["decisionsDue"], "decisionId") == ["b1", "b3"], "Wonen still owns b1")
        #expect(await Self.refusal(service, .agenda(tableId: "t1", meetingId: "m1", moment: .atPosition(before), today: nil), by: S.politie) == .forbidden)
        #expect(await Self.refusal(service, .auditTrail(.dossier("d1"), from: nil, until: nil, limit: 100, cursor: nil), by: S.wonen) == .forbidden)
        await store.close()
    }

    @Test func aPrincipalsOwnTrailHoldsOnlyWhatItMayReadNow() async throws {
        let (service, store, _) = try await Self.service()
        _ = try await service.execute(.updateStatus(dossierId: "d1", departmentId: "wonen", status: "blocked", note: "eigen-notitie-wonen"), by: S.wonen)
        _ = try await service.execute(.escalate(dossierId: "d1", to: "college", reason: "eigen-escalatie-regisseur"), by: S.regisseur)
        _ = try await service.execute(.recordDiscussion(meetingId: "m1", itemId: "i1", notes: "eigen-bespreking-regisseur"), by: S.regisseur)
        let trail = Query.auditTrail(.actor(S.wonen.principalId), from: nil, until: nil, limit: 100, cursor: nil)
        #expect(Self.text(try await Self.answer(service, trail, by: S.wonen)).contains("eigen-notitie-wonen"))

        _ = try await service.execute(.unassignDepartment(dossierId: "d1", departmentId: "wonen"), by: S.admin)
        let own = try await Self.answer(service, trail, by: S.wonen)
        #expect(own["events"]?.arrayValue?.isEmpty == true, "\(Self.text(own))")
        #expect(Self.text(try await Self.answer(service, trail, by: S.auditor)).contains("eigen-notitie-wonen"))

        let movedToZuid = ActingPrincipal(principalId: S.regisseur.principalId, role: .regisseur, stadsdelen: [S.zuid])
        let regisseurTrail = Query.auditTrail(.actor(S.regisseur.principalId), from: nil, until: nil, limit: 100, cursor: nil)
        #expect(Self.strings(try await Self.answer(service, regisseurTrail, by: S.regisseur)["events"], "type") == ["DossierEscalated", "DiscussionRecorded"])
        let moved = try await Self.answer(service, regisseurTrail, by: movedToZuid)
        #expect(moved["events"]?.arrayValue?.isEmpty == true, "\(Self.text(moved))")
        await store.close()
    }

    @Test func everyOtherQueryKeepsAnUnassignedDepartmentAndAPartnerWithinScope() async throws {
        let (service, store, _) = try await Self.service()
        for principal in [S.wonen, S.politie] {
            let all = try await Self.answer(service, .dossierList(.init(), today: nil, limit: 100, cursor: nil), by: principal)
            #expect(Self.strings(all["items"], "dossierId") == (principal == S.wonen ? ["d1"] : []))
            #expect(await Self.refusal(service, .dossier(dossierId: "d2", moment: .live, today: nil), by: principal) == .forbidden)
            #expect(await Self.refusal(service, .departmentOverview(departmentId: "openbare-ruimte", today: nil), by: principal) == .forbidden)
            #expect(await Self.refusal(service, .dashboard(stadsdeel: S.noord, today: nil), by: principal) == .forbidden)
            #expect(await Self.refusal(service, .readEvents(fromPosition: 1, limit: 10), by: principal) == .forbidden)
            #expect(await Self.refusal(service, .auditTrail(.dossier("d2"), from: nil, until: nil, limit: 100, cursor: nil), by: principal) == .forbidden)
            #expect(await Self.refusal(service, .auditTrail(.stream("dossier-d2"), from: nil, until: nil, limit: 100, cursor: nil), by: principal) == .forbidden)
            #expect(await Self.refusal(service, .auditTrail(.stream("decision-b2"), from: nil, until: nil, limit: 100, cursor: nil), by: principal) == .forbidden)
            #expect(await Self.refusal(service, .auditTrail(.actor("admin"), from: nil, until: nil, limit: 100, cursor: nil), by: principal) == .forbidden)

            let meeting = try await Self.answer(service, .auditTrail(.stream("meeting-m1"), from: nil, until: nil, limit: 100, cursor: nil), by: principal)
            let types = Self.strings(meeting["events"], "type")
            #expect(types.first == "MeetingScheduled" && types.contains("AgendaItemAdded"))
            for secret in Self.secrets { #expect(!Self.text(meeting).contains(secret), "\(principal.principalId) reads \(secret) in the meeting's trail") }
            #expect(!Self.text(meeting).contains("\"d2\""), "\(principal.principalId) reads d2's agenda events")
            #expect(try await Self.answer(service, .auditTrail(.stream("decision-b3"), from: nil, until: nil, limit: 100, cursor: nil), by: principal)["events"]?.arrayValue?.count == 1)
        }
        let overview = try await Self.answer(service, .departmentOverview(departmentId: "wonen", today: nil), by: S.wonen)
        #expect(Self.strings(overview["dossiers"], "dossierId") == ["d1"])
        #expect(!Self.text(overview).contains("notitie-or-d2"))
        #expect(try await Self.answer(service, .auditTrail(.stream("decision-b1"), from: nil, until: nil, limit: 100, cursor: nil), by: S.wonen)["events"]?.arrayValue?.count == 1)
        let regisseur = try await Self.answer(service, .auditTrail(.stream("meeting-m1"), from: nil, until: nil, limit: 100, cursor: nil), by: S.regisseur)
        #expect(Self.text(regisseur).contains("bespreking-d2"), "the regisseur reads the whole meeting")
        await store.close()
    }
}
