import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// Where an erasure must reach beyond the obvious: texts written concurrently on the
/// streams of the dossier's meetings and decisions, and texts a log from before sealing
/// holds inline in its bodies.
@Suite struct ErasureReachTests {
    typealias S = Scenario

    static let officer = ActingPrincipal(principalId: "fg-1", role: .privacy)

    /// A note written on the dossier's meeting or decision while the erasure is decided
    /// moves a stream the erasure read: its append is a conflict and is decided again,
    /// so the note cannot land before the erasure and escape it.
    @Test func aDossiersErasureIsConditionedOnItsMeetingsAndDecisions() {
        var scenario = S.standard()
        for command: Command in [
            .raiseDossier(dossierId: "d2", tableId: "t1", title: "Woonoverlast", summary: "Familie Jansen", area: nil, deadline: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d2", topic: nil),
            .takeDecision(decisionId: "b1", meetingId: "m1", text: "Huisbezoek", ownerDepartment: "wonen", dossierId: "d2", due: nil),
        ] {
            #expect(scenario.when(command, by: S.admin).succeeded, "\(command)")
        }
        let decided = try? Decider.decide(
            .erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: "AVG art. 17", requestRef: nil), by: Self.officer,
            on: scenario.model)
        let conditions = decided?.conditions ?? [:]
        #expect(conditions["meeting-m1"] == scenario.model.version(of: "meeting-m1"))
        #expect(conditions["decision-b1"] == scenario.model.version(of: "decision-b1"))
    }

    /// A schema-1 body holds its text inline: erasure cannot take it out of the log's bytes,
    /// but neither `audit.trail` nor `events.read` shows it again.
    @Test func anErasedInlineTextLeavesTheTrailAndTheEventsRead() async throws {
        var scenario = Scenario.standard()
        scenario.given(
            DossierRaised(dossierId: "d9", tableId: "t1", title: "Oud dossier", summary: FreeText(inline: "Familie Pietersen, Wycker Brugstraat 3")))
        let (store, directory) = try await scenario.importedIntoFileStore("tafel-inline")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let service = try await CoordinationService(store: store)
        func shown() async throws -> String {
            let trail = try await service.answer(
                .auditTrail(.dossier("d9"), from: nil, until: nil, limit: 100, cursor: nil), by: Scenario.auditor)
            let events = try await service.answer(.readEvents(fromPosition: 1, limit: 1000), by: Scenario.auditor)
            return trail.canonicalString + events.canonicalString
        }
        #expect(try await shown().contains("Pietersen"))
        _ = try await service.execute(
            .erasePersonalData(dossierId: "d9", ref: nil, fields: nil, reason: "AVG art. 17", requestRef: "AVG-1"), by: Self.officer)
        #expect(try await !shown().contains("Pietersen"))
        let dossier = try await service.answer(.dossier(dossierId: "d9", moment: .live, today: nil), by: Scenario.auditor)
        #expect(dossier["summary"] == .null)
        #expect(dossier["erased"]?["summary"] != nil)
        await store.close()
    }
}

/// The read log learns whose data an answer holds from its `dossierId` members: a trail
/// entry whose body names no dossier (a decision's completion note) carries its dossier.
@Suite struct TrailEntryDossierTests {
    @Test func aDecisionsNoteInATrailNamesItsDossier() async throws {
        var scenario = Scenario.standard()
        for command: Command in [
            .takeDecision(decisionId: "b7", meetingId: "m1", text: "Huisbezoek", ownerDepartment: "wonen", dossierId: "d1", due: nil),
            .completeDecision(decisionId: "b7", note: "Bezocht"),
            .addAgendaItem(meetingId: "m1", itemId: "i8", dossierId: "d1", topic: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i9", dossierId: nil, topic: "Rondvraag"),
            .moveAgendaItem(meetingId: "m1", itemId: "i9", position: 1),
            .moveAgendaItem(meetingId: "m1", itemId: "i8", position: 1),
        ] {
            #expect(scenario.when(command, by: Scenario.admin).succeeded, "\(command)")
        }
        let (store, directory) = try await scenario.importedIntoFileStore("tafel-trail")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let service = try await CoordinationService(store: store)
        let trail = try await service.answer(.auditTrail(.stream("decision-b7"), from: nil, until: nil, limit: 10, cursor: nil), by: Scenario.auditor)
        let entries = trail["events"]?.arrayValue ?? []
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0["dossierId"] == .string("d1") || $0["data"]?["dossierId"] == .string("d1") })
        #expect(entries.last?["dossierId"] == .string("d1"))
        // An event with no free text names its dossier too (an agenda item moved).
        let meeting = try await service.answer(.auditTrail(.stream("meeting-m1"), from: nil, until: nil, limit: 100, cursor: nil), by: Scenario.auditor)
        let moved = (meeting["events"]?.arrayValue ?? []).filter { $0["type"] == .string("AgendaItemMoved") }
        #expect(!moved.isEmpty)
        #expect(moved.contains { $0["dossierId"] == .string("d1") })
        await store.close()
    }
}
