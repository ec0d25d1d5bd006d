import Coordination
@testable import EventStore
import Events
import Testing

/// `requestId` through the application service, on both stores: scoped to the principal,
/// answered only after authorization, refused when reused for another command, and kept
/// across restarts and processes.
@Suite struct ServiceRequestIdTests {
    static let noord = "SD-noord"
    static let zuid = "SD-zuid"
    static let admin = ActingPrincipal(principalId: "admin", role: .admin)
    static let regisseur = ActingPrincipal(principalId: "reg-noord", role: .regisseur, stadsdelen: [noord])
    static let wonen = ActingPrincipal(principalId: "wonen-1", role: .department, departments: ["wonen"])
    static let raise = Command.raiseDossier(dossierId: "d2", tableId: "t1", title: "Graffiti", summary: nil, area: nil, deadline: nil)

    static func setUp(_ service: CoordinationService) async throws {
        let setup: [Command] = [
            .defineArea(code: noord, name: "Noordoost", kind: "stadsdeel", parent: nil),
            .defineArea(code: zuid, name: "Zuidwest", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: noord, members: ["wonen"]),
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Overlast Frontenpark", summary: nil, area: nil, deadline: nil),
            .assignDepartment(dossierId: "d1", departmentId: "wonen", role: "lead"),
        ]
        for command in setup { _ = try await service.execute(command, by: admin) }
    }

    static func expect(_ kind: DomainError.Kind, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(kind.rawValue)")
        } catch let error as DomainError {
            #expect(error.kind == kind, "\(error)")
        } catch {
            Issue.record("expected \(kind.rawValue), got \(error)")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anotherPrincipalsRequestIdNeverAnswersACommand(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let service = try await CoordinationService(store: store)
        try await Self.setUp(service)
        // Given the regisseur used the id Wonen will use next.
        let regisseurs = try await service.execute(
            .setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: Self.regisseur, requestId: "wonen-2026-12-04-1")
        // When Wonen sends its status update with that id.
        let wonens = try await service.execute(
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: "huisbezoek"), by: Self.wonen,
            requestId: "wonen-2026-12-04-1")
        // Then the update is written, by Wonen, and answered with its own position.
        #expect(wonens.positions == [regisseurs.positions[0] + 1])
        let written = try #require(try await store.read(from: wonens.positions[0], limit: 1).first)
        #expect(written.type == DepartmentStatusUpdated.eventType)
        #expect(written.actor.principalId == "wonen-1")
        #expect(await service.model.dossiers["d1"]?.departments.first?.status == "in_progress")
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aRetryIsAnsweredAfterARestartAndAReuseIsRefused(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let service = try await CoordinationService(store: store)
        try await Self.setUp(service)
        let first = try await service.execute(Self.raise, by: Self.regisseur, requestId: "r-1")
        await store.close()

        let reopened = try await test.open()
        let restarted = try await CoordinationService(store: reopened)
        let head = try await reopened.head().position
        // Deciding again would refuse it (d2 exists); the retry is answered all the same.
        #expect(try await restarted.execute(Self.raise, by: Self.regisseur, requestId: "r-1") == first)
        await Self.expect(.requestIdReused) {
            _ = try await restarted.execute(
                .raiseDossier(dossierId: "d2", tableId: "t1", title: "Graffiti Wyck", summary: nil, area: nil, deadline: nil),
                by: Self.regisseur, requestId: "r-1")
        }
        await Self.expect(.requestIdReused) {
            _ = try await restarted.execute(Self.raise, by: Self.regisseur, expectedVersion: 0, requestId: "r-1")
        }
        #expect(try await reopened.head().position == head)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func authorizationComesBeforeTheIdempotentAnswer(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let service = try await CoordinationService(store: store)
        try await Self.setUp(service)
        _ = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: Self.regisseur, requestId: "r-1")
        let head = try await store.head().position
        // The principal moved to another stadsdeel: its own earlier id answers nothing now.
        let moved = ActingPrincipal(principalId: "reg-noord", role: .regisseur, stadsdelen: [Self.zuid])
        await Self.expect(.forbidden) {
            _ = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: moved, requestId: "r-1")
        }
        // A department's own id, sent with a command it may not run, is forbidden, not reused.
        _ = try await service.execute(
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "blocked", note: nil), by: Self.wonen, requestId: "w-1")
        await Self.expect(.forbidden) {
            _ = try await service.execute(.closeDossier(dossierId: "d1", resolution: "klaar"), by: Self.wonen, requestId: "w-1")
        }
        // Unknown objects still come before: not_found.
        await Self.expect(.notFound) {
            _ = try await service.execute(.closeDossier(dossierId: "nope", resolution: "klaar"), by: Self.wonen, requestId: "w-1")
        }
        #expect(try await store.head().position == head + 1)
        await store.close()
    }

    @Test func twoServersOnOneDatabaseShareTheRequestsOfEachPrincipal() async throws {
        let test = try await StoreKind.postgres.makeStore()
        let firstStore = try await test.open()
        let secondStore = try await test.open()
        let first = try await CoordinationService(store: firstStore)
        try await Self.setUp(first)
        let second = try await CoordinationService(store: secondStore)
        let raised = try await first.execute(Self.raise, by: Self.regisseur, requestId: "r-1")
        #expect(try await second.execute(Self.raise, by: Self.regisseur, requestId: "r-1") == raised)
        await Self.expect(.requestIdReused) {
            _ = try await second.execute(.setDeadline(dossierId: "d1", deadline: "2027-02-28"), by: Self.regisseur, requestId: "r-1")
        }
        let wonens = try await second.execute(
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "done", note: nil), by: Self.wonen, requestId: "r-1")
        #expect(wonens.positions == [raised.positions[0] + 1])
        await firstStore.close()
        await secondStore.close()
    }
}
