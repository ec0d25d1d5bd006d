import Coordination
import EventStore
import Events
import Foundation
import TestSupport
import Testing

/// An `audit.trail` page costs a few store reads, not one per event, when the trail is
/// interleaved with other principals' events; and it holds exactly the trail's events.
@Suite struct AuditTrailWorkTests {
    typealias S = Scenario

    @Test func anInterleavedTrailIsReadInAFewSpans() async throws {
        let (writer, file) = try await CoordinationServiceTests.service()
        for round in 0..<30 {
            let status = round % 2 == 0 ? "in_progress" : "open"
            _ = try await writer.execute(.updateStatus(dossierId: "d1", departmentId: "wonen", status: status, note: nil), by: S.wonen)
            _ = try await writer.execute(
                .updateStatus(dossierId: "d1", departmentId: "openbare-ruimte", status: status, note: nil), by: S.openbareRuimte)
        }
        let store = CountingStore(file)
        let service = try await CoordinationService(store: store)
        store.resetCounts()

        let page = try await service.answer(.auditTrail(.actor("wonen-1"), from: nil, until: nil, limit: 100, cursor: nil), by: S.auditor)
        #expect(store.counts.reads <= 2, "\(store.counts)")
        guard case let .array(events)? = page["events"] else {
            Issue.record("no events")
            return
        }
        #expect(events.count == 30)
        #expect(events.allSatisfy { $0["actor"]?["principalId"] == "wonen-1" })
        let positions = events.compactMap { if case let .int(position)? = $0["position"] { position } else { nil } }
        #expect(positions == positions.sorted())
        await file.close()
    }
}
