import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// A log written before the actielijst existed (schema 1 bodies, texts inline) read by
/// this release: `decision.list` shows its decisions with state, completion note and date,
/// without a migration.
@Suite struct OldLogActielijstTests {
    @Test func anOldLogsCompletionNotesShowInTheActielijst() async throws {
        var scenario = Scenario.standard()
        scenario.given(
            DecisionTaken(decisionId: "b1", meetingId: "m1", text: FreeText(inline: "Schouw Frontenpark"), ownerDepartment: "wonen", dossierId: "d1", due: "2026-12-10"),
            DecisionCompleted(decisionId: "b1", note: FreeText(inline: "Schouw gehouden, verslag bij Wonen")),
            DecisionTaken(decisionId: "b2", meetingId: "m1", text: FreeText(inline: "Brief aan bewoners"), ownerDepartment: "wonen", due: "2026-12-01"))
        let (store, directory) = try await scenario.importedIntoFileStore("tafel-oldlog")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let service = try await CoordinationService(store: store)
        let list = try await service.answer(
            .decisionList(DecisionFilter(ownerDepartment: "wonen"), moment: .live, today: "2026-12-05", limit: 100, cursor: nil), by: Scenario.admin)
        let items = list["items"]?.arrayValue ?? []
        #expect(items.map { $0["decisionId"] } == [.string("b2"), .string("b1")])
        #expect(items.map { $0["state"] } == [.string("open"), .string("completed")])
        #expect(items.map { $0["overdue"] } == [.bool(true), .bool(false)])
        #expect(items.last?["note"] == .string("Schouw gehouden, verslag bij Wonen"))
        #expect(items.last?["text"] == .string("Schouw Frontenpark"))
        #expect(items.last?["completedAt"] == .string(scenario.log[scenario.log.count - 2].recordedAt.iso8601))
        await store.close()
    }
}
