import Coordination
import EventStore
import Events
import Projections
import Testing

/// A command or an as-of query is judged with the principal as the model holds it when it
/// runs, not as it was when its token was checked: one queued behind others, or a replay,
/// may run after a revocation or a narrowed scope.
@Suite struct PrincipalAsItIsNowTests {
    typealias S = Scenario

    /// The standard service with `reg-x`, a regisseur of Noord, registered; and that
    /// principal as it authenticated.
    static func service() async throws -> (CoordinationService, any EventStore, ActingPrincipal) {
        let (service, store) = try await CoordinationServiceTests.service()
        let token = Token.generate()
        _ = try await service.execute(
            .registerPrincipal(
                principalId: "reg-x", name: "Regisseur", role: .regisseur, stadsdelen: [S.noord], departments: [],
                tokenHash: Token.hash(token)),
            by: S.admin)
        let principal = try #require(try await service.authenticate(token: token))
        return (service, store, principal)
    }

    static func kind(of body: () async throws -> Void) async -> DomainError.Kind? {
        do {
            try await body()
            return nil
        } catch let error as DomainError {
            return error.kind
        } catch {
            return nil
        }
    }

    @Test func aCommandRunAfterARevocationIsUnauthenticatedAndWritesNothing() async throws {
        let (service, store, principal) = try await Self.service()
        _ = try await service.execute(.revokePrincipal(principalId: "reg-x"), by: S.admin)
        let head = try await store.head().position
        let kind = await Self.kind { _ = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: principal) }
        #expect(kind == .unauthenticated)
        #expect(try await store.head().position == head)
        await store.close()
    }

    @Test func aCommandRunAfterTheScopeNarrowedIsJudgedOnTheNarrowerScope() async throws {
        let (service, store, principal) = try await Self.service()
        _ = try await service.execute(.defineArea(code: S.zuid, name: "Zuidwest", kind: "stadsdeel", parent: nil), by: S.admin)
        _ = try await service.execute(
            .registerPrincipal(principalId: "reg-x", name: "Regisseur", role: .regisseur, stadsdelen: [S.zuid], departments: [],
                tokenHash: Token.hash(Token.generate())),
            by: S.admin)
        let kind = await Self.kind { _ = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: principal) }
        #expect(kind == .forbidden)
        await store.close()
    }

    @Test func anAsOfQueryAfterARevocationIsUnauthenticated() async throws {
        let (service, store, principal) = try await Self.service()
        _ = try await service.answer(.dossier(dossierId: "d1", moment: .atPosition(6), today: nil), by: principal)
        _ = try await service.execute(.revokePrincipal(principalId: "reg-x"), by: S.admin)
        let kind = await Self.kind { _ = try await service.answer(.dossier(dossierId: "d1", moment: .atPosition(6), today: nil), by: principal) }
        #expect(kind == .unauthenticated)
        await store.close()
    }
}
