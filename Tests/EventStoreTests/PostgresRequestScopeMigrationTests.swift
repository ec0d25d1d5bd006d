@testable import EventStore
import Events
import Testing

/// Migration 004 on a database that already holds a log written under schema version 3.
@Suite struct PostgresRequestScopeMigrationTests {
    @Test func requestIdsBecomePerPrincipalOnADatabaseWithData() async throws {
        // Given a database at schema version 3 with requests of two principals in it.
        let uri = try await PostgresTestDatabase.create()
        let older = try PostgresMigrations.bundled().filter { $0.version <= 3 }
        let setup = ConfinedConnection(label: "tafel.test.setup", conninfo: uri)
        _ = try await setup.run { try PostgresMigrations.apply(older, on: $0) }
        let before = try await PostgresEventStore.open(conninfo: uri, migrate: false)
        let regisseurs = try await before.append(
            RequestScopeConformanceTests.request("dossier-a", by: RequestScopeConformanceTests.regisseur, requestId: "r-1", fingerprint: nil))
        _ = try await before.append(Sample.request("dossier-z", 3))
        await before.close()

        // When the new release opens it.
        let store = try await PostgresEventStore.open(conninfo: uri)

        // Then migration 004 is recorded, the old index is gone and the new one is there.
        let indexes: [String] = try await setup.run { connection in
            try connection.query("SELECT indexname FROM pg_indexes WHERE tablename = 'events' ORDER BY indexname").rows.compactMap { $0[0] }
        }
        #expect(indexes.contains("events_actor_request_id"))
        #expect(!indexes.contains("events_request_id"))
        let versions: [String] = try await setup.run { connection in
            try connection.query("SELECT version FROM tafel_migrations ORDER BY version").rows.compactMap { $0[0] }
        }
        #expect(versions.contains("4"))
        // And the requests logged before answer their own principal, and nobody else.
        #expect(
            try await store.append(
                RequestScopeConformanceTests.request("dossier-a", by: RequestScopeConformanceTests.regisseur, requestId: "r-1")) == regisseurs)
        let wonens = try await store.append(
            RequestScopeConformanceTests.request("dossier-b", by: RequestScopeConformanceTests.wonen, requestId: "r-1"))
        #expect(wonens == AppendResult(stream: "dossier-b", version: 1, positions: [5]))
        #expect(try await ChainVerifier.verify(store).ok)
        setup.close()
        await store.close()
    }
}
