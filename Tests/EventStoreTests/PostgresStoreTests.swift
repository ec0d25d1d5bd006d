@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// What only the PostgreSQL store has: several processes on one database, connection
/// failures, permissions, migrations.
@Suite struct PostgresStoreTests {
    static func store() async throws -> (String, PostgresEventStore) {
        let uri = try await PostgresTestDatabase.create()
        return (uri, try await PostgresEventStore.open(conninfo: uri))
    }

    @Test func writersInSeveralProcessesKeepPositionsGaplessAndTheChainWhole() async throws {
        let (uri, store) = try await Self.store()
        let writers = try (0..<3).map { _ in
            try TafelProcess.start(["stress", "append", "--store", uri, "--concurrency", "8", "--events", "160"])
        }
        var acknowledged: [Int64: String] = [:]
        for (process, output) in writers {
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            acknowledged.merge(TafelProcess.acknowledgements(printed)) { first, _ in first }
        }
        #expect(acknowledged.count == 480)
        var all: [EventEnvelope] = []
        try await store.readAll { all += $0 }
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        for (position, eventId) in acknowledged { #expect(all[Int(position - 1)].eventId == eventId) }
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()
    }

    /// The writer's arrays travel in binary: the server must read back exactly the values
    /// sent, NULLs, quotes, non-ASCII text, times before 2000 and the milliseconds included.
    @Test func binaryArraysReachTheServerAsTheValuesSent() async throws {
        let (_, store) = try await Self.store()
        let texts: [String?] = ["dossier-\"1\"", nil, "geïnformeerd, {ja}\\nee", ""]
        let times = [Timestamp(millisecondsSinceEpoch: 1_795_000_000_123), Timestamp(millisecondsSinceEpoch: 5)]
        let row = try await store.writer.run { connection in
            try connection.send(
                prepared: "binary_round_trip",
                """
                SELECT array_to_json($1::bigint[])::text, array_to_json($2::text[])::text,
                       array_to_json(ARRAY(SELECT encode(b, 'hex') FROM unnest($3::bytea[]) AS b))::text,
                       array_to_json(ARRAY(SELECT (extract(epoch FROM t) * 1000)::bigint FROM unnest($4::timestamptz[]) AS t))::text,
                       encode($5::bytea, 'hex')
                """,
                [
                    .binary(PostgresBinaryArray([Int64.min, -1, 0, 42]).encoded), .binary(PostgresBinaryArray(texts).encoded),
                    .binary(PostgresBinaryArray(bytes: [[0x00, 0xFF], []]).encoded), .binary(PostgresBinaryArray(times).encoded),
                    .binary([0xAB, 0x01]),
                ]
            )
            return try connection.result(waking: nil) {}.rows[0]
        }
        #expect(row[0] == "[-9223372036854775808,-1,0,42]")
        #expect(row[1] == #"["dossier-\"1\"",null,"geïnformeerd, {ja}\\nee",""]"#)
        #expect(row[2] == #"["00ff",""]"#)
        #expect(row[3] == "[1795000000123,5]")
        #expect(row[4] == "ab01")
        await store.close()
    }

    /// A plan, not a timing: the writer's prepared inserts must reach the log through indexes
    /// even when their plans were made while the log was empty, or appends slow down as it grows.
    @Test func theInsertsPlannedOnAnEmptyLogKeepToIndexes() async throws {
        let (_, store) = try await Self.store()
        _ = try await store.append(Sample.request("dossier-a", requestId: "request-1"))
        let one = "'2', 'dossier-b', '1', 'DeadlineSet', '1', 'event-2', '2026-11-22T10:00:00.000Z', 'someone', 'regisseur', 'request-2', 'x', '00', '00'"
        let many = "'{2}', '{dossier-b}', '{1}', '{DeadlineSet}', '{1}', '{event-2}', '{2026-11-22T10:00:00.000Z}', '{someone}', '{regisseur}', '{request-2}', '{x}', '{00}', '{00}'"
        let plans = try await store.writer.run { connection in
            try connection.query("SET plan_cache_mode = force_generic_plan")
            return try PostgresEventStore.statements.enumerated().flatMap { withTexts, sizes in
                try sizes.enumerated().flatMap { size, forms in
                    try forms.map { form in
                        try connection.query("PREPARE planned_on_empty AS \(form.sql)")
                        defer { _ = try? connection.query("DEALLOCATE planned_on_empty") }
                        let texts = withTexts == 1 ? ", '{t-1}', '{2}', '{00}', '{text}', '{t-0}'" : ""
                        let plan = try connection.query(
                            "EXPLAIN EXECUTE planned_on_empty(1, '00', '{request-2}', \(size == 0 ? one : many), '{someone}'\(texts))"
                        ).rows.compactMap { $0[0] }
                        return (form.name, plan)
                    }
                }
            }
        }
        #expect(plans.count == 8)
        for (name, plan) in plans {
            #expect(plan.contains { $0.contains("Index") }, "\(name): \(plan)")
            #expect(!plan.contains { $0.contains("Seq Scan on events") || $0.contains("Seq Scan on texts") }, "\(name): \(plan)")
        }
        await store.close()
    }

    @Test func connectionFailuresNameTheirCause() async throws {
        let server = try PostgresTestDatabase.serverURL()
        let missing = try PostgresTestDatabase.uri(server, database: "no_such_database")
        var wrongPassword = try #require(URLComponents(string: server))
        wrongPassword.user = "tafel_password"
        wrongPassword.password = "wrong-password"
        let cases: [(String, String)] = [
            (missing, "does not exist"),
            (wrongPassword.string!, "password authentication failed"),
            ("postgresql://tafel@host.invalid/tafel", "host.invalid"),
        ]
        for (uri, expected) in cases {
            do {
                _ = try await PostgresEventStore.open(conninfo: uri)
                Issue.record("opened \(uri)")
            } catch let error as EventStoreError {
                #expect(error.message.contains(expected), "\(error.message)")
            }
            let result = try TafelProcess.run(["verify", "--store", uri])
            #expect(result.status != 0)
            #expect(result.stderr.contains(expected))
        }
    }

    @Test func aRoleWithoutPermissionsGetsAClearErrorAndTheLogIsAppendOnly() async throws {
        let (uri, store) = try await Self.store()
        _ = try await store.append(Sample.request("dossier-a"))
        let admin = ConfinedConnection(label: "test.admin", conninfo: uri)
        let role = "tafel_reader_" + EventId.random().prefix(8)
        _ = try await admin.run { connection in
            try connection.query("CREATE ROLE \(role) LOGIN")
        }
        var components = try #require(URLComponents(string: uri))
        components.user = role
        do {
            let limited = try await PostgresEventStore.open(conninfo: components.string!, migrate: false)
            _ = try await limited.append(Sample.request("dossier-b"))
            Issue.record("a role without privileges appended")
        } catch let error as EventStoreError {
            #expect(error.message.contains("permission denied"), "\(error.message)")
        }
        await #expect(throws: EventStoreError.self) {
            try await admin.run { try $0.query("UPDATE events SET stream = 'rewritten'") }
        }
        await #expect(throws: EventStoreError.self) {
            try await admin.run { try $0.query("DELETE FROM events") }
        }
        #expect(try await store.read(from: 1, limit: 10).map(\.stream) == ["dossier-a"])
        admin.close()
        await store.close()
    }

    @Test func migrationsAreSafeToRunTwiceAndFromTwoProcessesAtOnce() async throws {
        let uri = try await PostgresTestDatabase.create()
        async let first = PostgresEventStore.migrate(conninfo: uri)
        async let second = PostgresEventStore.migrate(conninfo: uri)
        let applied = try await [first, second]
        #expect(applied.flatMap { $0 }.sorted() == (try PostgresMigrations.bundled()).map(\.version))
        #expect(try await PostgresEventStore.migrate(conninfo: uri).isEmpty)
    }
}
