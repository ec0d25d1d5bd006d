import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing

/// The application service over a real (file) store: actors, idempotency, conflicts and
/// invariants under many concurrent writers.
@Suite struct CoordinationServiceTests {
    typealias S = Scenario

    static func service() async throws -> (CoordinationService, any EventStore) {
        let directory = NSTemporaryDirectory() + "/tafel-coord-" + EventId.random()
        let store = try FileEventStore.open(directory: directory)
        let service = try await CoordinationService(store: store)
        let setup: [Command] = [
            .defineArea(code: S.noord, name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .registerDepartment(departmentId: "openbare-ruimte", name: "Openbare Ruimte", external: false),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: S.noord, members: ["wonen", "openbare-ruimte"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast Frontenpark", summary: nil, area: nil, deadline: nil),
            .assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"),
            .assignDepartment(dossierId: "d1", departmentId: "openbare-ruimte", role: "contributor"),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
        ]
        for command in setup { _ = try await service.execute(command, by: S.admin) }
        return (service, store)
    }

    @Test func theActorOfEveryEventIsTheAuthenticatedPrincipal() async throws {
        let (service, store) = try await Self.service()
        let token = Token.generate()
        _ = try await service.execute(
            .registerPrincipal(principalId: "reg-noord", name: "Regisseur", role: .regisseur, stadsdelen: [S.noord], departments: [], tokenHash: Token.hash(token)),
            by: S.admin)
        #expect(token.count == 44)
        let principal = try #require(try await service.authenticate(token: token))
        #expect(principal == S.regisseur)
        let result = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: principal, requestId: "r-1")
        let event = try #require(try await store.read(from: result.positions[0], limit: 1).first)
        #expect(event.actor == Actor(principalId: "reg-noord", role: "regisseur"))
        #expect(event.requestId == "r-1")
        #expect(try await service.authenticate(token: "not-a-token") == nil)
        _ = try await service.execute(.revokePrincipal(principalId: "reg-noord"), by: S.admin)
        #expect(try await service.authenticate(token: token) == nil)
        await store.close()
    }

    @Test func aRepeatedRequestIdReturnsTheFirstResultAndAppendsNothing() async throws {
        let (service, store) = try await Self.service()
        let first = try await service.execute(.raiseDossier(dossierId: "d2", tableId: "t1", title: "Graffiti", summary: nil, area: nil, deadline: nil), by: S.admin, requestId: "same")
        let head = try await store.head().position
        let again = try await service.execute(.raiseDossier(dossierId: "d2", tableId: "t1", title: "Graffiti", summary: nil, area: nil, deadline: nil), by: S.admin, requestId: "same")
        #expect(again == first)
        #expect(try await store.head().position == head)
        await store.close()
    }

    @Test func aStaleExpectedVersionIsAConflictAndWritesNothing() async throws {
        let (service, store) = try await Self.service()
        let head = try await store.head().position
        do {
            _ = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: S.admin, expectedVersion: 1)
            Issue.record("a stale expectedVersion was accepted")
        } catch let error as DomainError {
            #expect(error.kind == .conflict)
            #expect(error.expected == 1)
            #expect(error.actual == 3)
        }
        #expect(try await store.head().position == head)
        #expect(try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: S.admin, expectedVersion: 3).version == 4)
        await store.close()
    }

    @Test func concurrentWritersBreakNoRuleAndLoseNoUpdate() async throws {
        let (service, store) = try await Self.service()
        // Two services on one store would be two processes; here many tasks share one service.
        let placements = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    (try? await service.execute(.addAgendaItem(meetingId: "m1", itemId: "i\(index)", dossierId: "d1", topic: nil), by: S.admin)) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(placements == 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    let department = index % 2 == 0 ? "wonen" : "openbare-ruimte"
                    _ = try await service.execute(.updateStatus(dossierId: "d1", departmentId: department, status: "in_progress", note: "update \(index)"), by: S.admin)
                }
            }
            try await group.waitForAll()
        }
        let updates = try await store.readStream("dossier-d1", from: 1, limit: 1000).filter { $0.type == "DepartmentStatusUpdated" }
        #expect(updates.count == 40)
        let model = await service.model
        #expect(model.meetings["m1"]?.items.filter { $0.dossierId == "d1" }.count == 1)
        await store.close()
    }

    @Test func aForbiddenCommandWritesNothing() async throws {
        let (service, store) = try await Self.service()
        let head = try await store.head().position
        for principal in [S.auditor, S.otherRegisseur, S.wethouder] {
            await #expect(throws: DomainError.self) {
                try await service.execute(.closeDossier(dossierId: "d1", resolution: "klaar"), by: principal)
            }
        }
        #expect(try await store.head().position == head)
        await store.close()
    }
}
