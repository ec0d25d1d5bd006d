import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// Rules that span two streams, through the service and a real store under concurrency:
/// a decision that read another stream lands only if that stream did not move meanwhile.
@Suite struct CrossStreamServiceTests {
    typealias S = Scenario

    static let trials = 150

    /// The log's events of `type` with `data[field] == value`, by position.
    static func positions(_ log: [EventEnvelope], _ type: String, _ pairs: [(String, String)]) -> [Int64] {
        log.filter { envelope in
            envelope.type == type && pairs.allSatisfy { envelope.data[$0.0] == .string($0.1) }
        }.map(\.position)
    }

    @Test func anAgendaItemNeverLandsAfterItsDossierClosed() async throws {
        let (service, store) = try await CoordinationServiceTests.service()
        for trial in 0..<Self.trials {
            _ = try await service.execute(
                .raiseDossier(dossierId: "race-\(trial)", tableId: "t1", title: "Race \(trial)", summary: nil, area: nil, deadline: nil),
                by: S.admin)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for trial in 0..<Self.trials {
                group.addTask { _ = try? await service.execute(.closeDossier(dossierId: "race-\(trial)", resolution: "done"), by: S.regisseur) }
                group.addTask {
                    _ = try? await service.execute(
                        .addAgendaItem(meetingId: "m1", itemId: "item-\(trial)", dossierId: "race-\(trial)", topic: nil), by: S.regisseur)
                }
            }
            try await group.waitForAll()
        }
        let log = try await store.read(from: 1, limit: 10_000)
        for trial in 0..<Self.trials {
            let closed = try #require(Self.positions(log, "DossierClosed", [("dossierId", "race-\(trial)")]).first)
            let items = Self.positions(log, "AgendaItemAdded", [("dossierId", "race-\(trial)")])
            #expect(items.allSatisfy { $0 < closed }, "trial \(trial): agenda item after DossierClosed")
        }
        await store.close()
    }

    @Test func anAssignmentNeverLandsAfterItsDepartmentLeftTheTable() async throws {
        let (service, store) = try await CoordinationServiceTests.service()
        for trial in 0..<Self.trials {
            _ = try await service.execute(.registerDepartment(departmentId: "dep-\(trial)", name: "Dep \(trial)", external: false), by: S.admin)
            _ = try await service.execute(.addTableMember(tableId: "t1", departmentId: "dep-\(trial)"), by: S.admin)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for trial in 0..<Self.trials {
                group.addTask { _ = try? await service.execute(.removeTableMember(tableId: "t1", departmentId: "dep-\(trial)"), by: S.regisseur) }
                group.addTask {
                    _ = try? await service.execute(
                        .assignDepartment(dossierId: "d1", departmentId: "dep-\(trial)", role: "contributor"), by: S.regisseur)
                }
            }
            try await group.waitForAll()
        }
        let log = try await store.read(from: 1, limit: 10_000)
        for trial in 0..<Self.trials {
            let removed = try #require(Self.positions(log, "TableMemberRemoved", [("departmentId", "dep-\(trial)")]).first)
            let assigned = Self.positions(log, "DepartmentAssigned", [("departmentId", "dep-\(trial)")])
            #expect(assigned.allSatisfy { $0 < removed }, "trial \(trial): assignment after the removal")
        }
        await store.close()
    }
}
