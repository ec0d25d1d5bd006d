import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// The query answers themselves, recorded live after every event, equal what the as-of
/// path (``HistoricalState`` replaying the stored log) answers for that position; and the
/// audit index fed live equals its rebuild.
@Suite struct AsOfQueryTests {
    typealias S = Scenario

    /// Everything the read side answers about the scenario's table, as one value.
    static func answers(_ model: CoordinationModel, today: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("agenda", AgendaView.render(tableId: "t1", meetingId: nil, in: model, today: today, mayRead: { _ in true }, mayReadTitle: { _ in true }, mayReadDecision: { _ in true }, texts: InlineTextReader()) ?? .null),
            ("list", DossierListView.render(DossierFilter(), in: model, today: today, limit: 1000, after: nil, visible: { _ in true }, texts: InlineTextReader())),
            ("dashboard", DashboardView.render(S.noord, in: model, today: today)),
            ("overview", DepartmentOverviewView.render("wonen", in: model, today: today, visible: { _ in true }, texts: InlineTextReader())),
            ("decisions", DecisionListView.render(DecisionFilter(), in: model, today: today, limit: 1000, after: nil, visible: { _ in true }, texts: InlineTextReader())),
            ("actielijst", DecisionListView.render(DecisionFilter(ownerDepartment: "wonen", state: .open, overdue: true), in: model, today: today, limit: 1000, after: nil, visible: { _ in true }, texts: InlineTextReader())),
        ]
        for id in model.dossiers.keys.sorted() { members.append((id, DossierView.render(id, in: model, today: today, texts: InlineTextReader()) ?? .null)) }
        return .object(members)
    }

    @Test(arguments: [3, 17, 29, 41])
    func asOfEveryPositionAnswersAsTheLiveProjectionDid(seed: Int) async throws {
        var random = RebuildTests.SplitMix(state: UInt64(seed))
        var scenario = S.standard()
        let today = "2027-03-15"
        var live: [Int64: JSONValue] = [scenario.position: Self.answers(scenario.model, today: today)]
        var audit = AuditIndex()
        for envelope in scenario.log { audit.apply(envelope) }
        for _ in 0..<900 {
            let before = scenario.log.count
            _ = scenario.when(RebuildTests.randomCommand(&random), by: S.admin)
            for envelope in scenario.log[before...] { audit.apply(envelope) }
            live[scenario.position] = Self.answers(scenario.model, today: today)
        }
        var rebuiltAudit = AuditIndex()
        rebuiltAudit.apply(scenario.log)
        #expect(rebuiltAudit == audit)
        #expect(audit.byDossier["d1"]?.isEmpty == false)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-asof-\(UUID().uuidString)").path
        let store = try FileEventStore.open(directory: directory, create: true)
        var previous = HashChain.genesis
        let sealed = scenario.log.map { envelope in
            var copy = envelope
            previous = HashChain.seal(&copy, after: previous).hash
            return copy
        }
        _ = try await store.importEnvelopes(sealed)
        #expect(live.count > 100)
        var mismatches: [Int64] = []
        for (position, answers) in live {
            let snapshot = try await HistoricalState.replay(store, until: .atPosition(position))
            if Self.answers(snapshot.model, today: today) != answers { mismatches.append(position) }
        }
        #expect(mismatches.isEmpty, "seed \(seed): as-of differs from live at positions \(mismatches.sorted().prefix(10))")
        let byTime = try await HistoricalState.replay(store, until: .asOf(scenario.log[20].recordedAt))
        #expect(byTime.model.position == 21)
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
