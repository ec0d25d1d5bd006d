@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// The `texts` table of the PostgreSQL store (migration 005): texts land and vanish with
/// the statement that writes their batch, the application role cannot change them, and
/// stores on one database share them.
@Suite struct PostgresTextStoreTests {
    static let officer = Actor(principalId: "privacy-officer", role: "privacy")

    static func sealed(_ text: String, ref: String) -> SealedText {
        SealedText(ref: ref, salt: Array((Array(ref.utf8) + Array(repeating: 0x5a, count: SealedText.saltBytes)).prefix(SealedText.saltBytes)), text: text)
    }

    /// One status update per text, each holding its text's reference and digest.
    static func request(
        _ stream: String, expected: ExpectedVersion = .any, texts: [SealedText], requestId: String? = nil, fingerprint: [UInt8]? = nil
    ) -> AppendRequest {
        let events =
            texts.isEmpty
            ? [Sample.event()]
            : texts.map { ProposedEvent(DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: $0.freeText)) }
        return AppendRequest(
            stream: stream, expectedVersion: expected, events: events, actor: Sample.actor, requestId: requestId,
            requestFingerprint: fingerprint, texts: texts)
    }

    static func erasure(_ refs: [String], stream: String = "privacy", expected: ExpectedVersion = .any) -> AppendRequest {
        AppendRequest(
            stream: stream, expectedVersion: expected, events: [ProposedEvent(PersonalDataErased(refs: refs, reason: "AVG art. 17"))],
            actor: officer, erasing: refs)
    }

    /// Runs one statement on a connection of its own.
    static func query(_ uri: String, _ sql: String, _ parameters: [String?] = []) async throws -> [[String?]] {
        let connection = ConfinedConnection(label: "tafel.test.texts", conninfo: uri)
        defer { connection.close() }
        return try await connection.run { try $0.query(sql, parameters).rows }
    }

    @Test func textsLandWithTheirEventsAtTheEventThatRefersToThemAndReadInRefOrder() async throws {
        let (uri, store) = try await PostgresStoreTests.store()
        let b = Self.sealed("Bewoner belde over de stoep", ref: "t-b")
        let a = Self.sealed("Familie Jansen, Brusselsestraat 12", ref: "t-a")
        let c = Self.sealed("Geïnformeerd: wijkagent", ref: "t-c")
        let first = try await store.append(Self.request("dossier-1", texts: [b, a]))
        let second = try await store.append(Self.request("dossier-2", texts: [c]))

        #expect(try await store.texts(["t-a", "t-c", "t-unknown"]) == ["t-a": a, "t-c": c])
        #expect(try await store.texts([]) == [:])
        #expect(try await store.allTexts(after: nil, limit: 10) == [a, b, c])
        #expect(try await store.allTexts(after: "t-a", limit: 1) == [b])
        #expect(try await store.allTexts(after: "t-c", limit: 10) == [])
        #expect(try await store.allTexts(after: nil, limit: 0) == [])
        let positions = try await Self.query(uri, "SELECT ref, position FROM texts ORDER BY ref")
        #expect(positions.map { $0[1] } == [first.positions[1], first.positions[0], second.positions[0]].map { String($0) })
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()
    }

    /// When an erasure is acknowledged, the text is gone from every row of the table; an
    /// erasure whose append is refused erases nothing.
    @Test func anAcknowledgedErasureLeavesTheTextInNoRowAndARefusedOneErasesNothing() async throws {
        let (uri, store) = try await PostgresStoreTests.store()
        let secret = "Familie Jansen, Brusselsestraat 12, schuldhulp"
        let kept = Self.sealed("Schouw uitgevoerd", ref: "t-kept")
        _ = try await store.append(Self.request("dossier-1", texts: [Self.sealed(secret, ref: "t-secret"), kept]))

        await #expect(throws: EventStoreError.self) {
            try await store.append(Self.erasure(["t-secret"], stream: "dossier-1", expected: .exact(9)))
        }
        #expect(try await store.texts(["t-secret"]).count == 1, "a refused erasure erased")

        _ = try await store.append(Self.erasure(["t-secret"], stream: "dossier-1"))
        #expect(try await store.texts(["t-secret", "t-kept"]) == ["t-kept": kept])
        #expect(try await Self.query(uri, "SELECT ref FROM texts WHERE ref = 't-secret'").isEmpty)
        #expect(try await Self.query(uri, "SELECT ref FROM texts t WHERE strpos(t::text, $1) > 0", [secret]).isEmpty)
        #expect(try await store.allTexts(after: nil, limit: 10) == [kept])
        #expect(try await ChainVerifier.verify(store).ok, "the digest stays in the log, the chain verifies")
        await store.close()
    }

    /// What the operator's maintenance must do: a plain VACUUM leaves an erased text's bytes
    /// in the table's file (PostgreSQL 15 does not overwrite the freed space), VACUUM FULL
    /// rewrites the table without them.
    @Test func vacuumFullLeavesAnErasedTextInNoFileOfTheTable() async throws {
        let (uri, store) = try await PostgresStoreTests.store()
        let secret = "Brusselsestraat-\(UUID())"
        let kept = Self.sealed("Schouw uitgevoerd", ref: "t-kept")
        _ = try await store.append(Self.request("dossier-1", texts: [Self.sealed(secret, ref: "t-secret"), kept]))
        _ = try await store.append(Self.erasure(["t-secret"]))
        await store.close()
        let inFile = "SELECT position(convert_to($1, 'UTF8') in pg_read_binary_file(pg_relation_filepath('texts'))) > 0"
        let connection = ConfinedConnection(label: "tafel.test.vacuum", conninfo: uri)
        defer { connection.close() }
        let found = try await connection.run { connection in
            try connection.query("SET statement_timeout = 0")
            try connection.query("VACUUM FULL texts")
            try connection.query("CHECKPOINT")
            return try connection.query(inFile, [secret]).first?[0]
        }
        #expect(found == "f")
        #expect(try await Self.query(uri, "SELECT body FROM texts").map { $0[0] } == [kept.text])
    }

    /// Of appends decided together, only those that write store texts: a conflict stores
    /// none, and a retried request (same id) keeps the texts of its first answer.
    @Test func onlyTheAppendsThatWriteStoreTheirTexts() async throws {
        let (_, store) = try await PostgresStoreTests.store()
        let contenders = (0..<8).map { Self.sealed("bod \($0)", ref: "t-bod-\($0)") }
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, text) in contenders.enumerated() {
                group.addTask { (index, (try? await store.append(Self.request("dossier-race", expected: .noStream, texts: [text]))) != nil) }
            }
            var results: [Int: Bool] = [:]
            for await (index, landed) in group { results[index] = landed }
            return results
        }
        let winners = results.filter(\.value).map(\.key)
        #expect(winners.count == 1)
        #expect(try await store.allTexts(after: nil, limit: 100) == winners.map { contenders[$0] })

        let fingerprint = [UInt8](repeating: 1, count: 32)
        let original = try await store.append(
            Self.request("dossier-r", texts: [Self.sealed("eerste", ref: "t-first")], requestId: "r-1", fingerprint: fingerprint))
        let retried = try await store.append(
            Self.request("dossier-r", texts: [Self.sealed("tweede", ref: "t-retry")], requestId: "r-1", fingerprint: fingerprint))
        #expect(retried == original)
        #expect(try await store.texts(["t-first", "t-retry"]).keys.sorted() == ["t-first"])
        await store.close()
    }

    /// A text is never replaced: an append bringing a reference in use is refused, and the
    /// appends decided with it land.
    @Test func aReferenceInUseIsRefusedAndTheRestOfItsBatchLands() async throws {
        let (_, store) = try await PostgresStoreTests.store()
        let original = Self.sealed("origineel", ref: "t-1")
        _ = try await store.append(Self.request("dossier-a", texts: [original]))
        for _ in 0..<3 {
            let fresh = Self.sealed("nieuw \(UUID())", ref: "t-\(UUID())")
            let reused = Task { try await store.append(Self.request("dossier-b", texts: [Self.sealed("vervalst", ref: "t-1")])) }
            let other = Task { try await store.append(Self.request("dossier-c", texts: [fresh])) }
            switch await reused.result {
            case .success: Issue.record("a reference in use was stored again")
            case let .failure(error): #expect((error as? EventStoreError)?.code == .invalidRequest, "\(error)")
            }
            _ = try await other.value
            #expect(try await store.texts([fresh.ref]) == [fresh.ref: fresh])
        }
        let twins = [Self.sealed("een", ref: "t-twin"), Self.sealed("twee", ref: "t-twin")]
        let tasks = [
            Task { try await store.append(Self.request("dossier-d", texts: [twins[0]])) },
            Task { try await store.append(Self.request("dossier-e", texts: [twins[1]])) },
        ]
        var landed: [Int] = []
        for (index, task) in tasks.enumerated() where (try? await task.value) != nil { landed.append(index) }
        #expect(landed.count == 1, "exactly one of two appends with the same new reference lands")
        #expect(try await store.texts(["t-1", "t-twin"]) == ["t-1": original, "t-twin": twins[landed.first ?? 0]])
        #expect(try await store.readStream("dossier-b", from: 1, limit: 10).isEmpty)
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()
    }

    /// Two stores on one database: each one's first insert after the other wrote is refused
    /// by the server and rolled back, texts included, and the retry stores them once.
    @Test func twoStoresOnOneDatabaseShareTextsAndARolledBackInsertLeavesNone() async throws {
        let (uri, first) = try await PostgresStoreTests.store()
        let second = try await PostgresEventStore.open(conninfo: uri)
        var written: [SealedText] = []
        for round in 0..<4 {
            for (index, store) in [first, second].enumerated() {
                let text = Self.sealed("ronde \(round) van \(index)", ref: "t-\(round)-\(index)")
                // The same stream: the other store wrote to it since, so its cached version
                // and tail are stale and its first insert fails on the server.
                _ = try await store.append(Self.request("dossier-shared", texts: [text]))
                written.append(text)
            }
        }
        let byRef = Dictionary(uniqueKeysWithValues: written.map { ($0.ref, $0) })
        #expect(try await first.texts(written.map(\.ref)) == byRef)
        #expect(try await second.texts(written.map(\.ref)) == byRef)
        #expect(try await Self.query(uri, "SELECT count(*) FROM texts").first?[0] == String(written.count))
        _ = try await second.append(Self.erasure(["t-0-0"]))
        #expect(try await first.texts(["t-0-0"]).isEmpty, "one store's erasure is the other's too")
        #expect(try await ChainVerifier.verify(first).ok)
        await first.close()
        await second.close()
    }

    @Test func anImportStoresTheTextsItsEnvelopesReferToAndRefusesAnyOther() async throws {
        let (_, source) = try await PostgresStoreTests.store()
        let texts = [Self.sealed("een", ref: "t-1"), Self.sealed("twee", ref: "t-2"), Self.sealed("drie", ref: "t-3")]
        _ = try await source.append(Self.request("dossier-1", texts: Array(texts[0..<2])))
        _ = try await source.append(Self.request("dossier-2", texts: [texts[2]]))
        let envelopes = try await source.read(from: 1, limit: 10)
        let exported = try await source.allTexts(after: nil, limit: 10)
        await source.close()

        let (uri, target) = try await PostgresStoreTests.store()
        let refusals: [(String, [SealedText])] = [
            ("a text no envelope refers to", exported + [Self.sealed("los", ref: "t-9")]),
            ("a text whose digest does not match", [Self.sealed("vervalst", ref: "t-1")]),
            ("a text twice", [exported[0], exported[0]]),
        ]
        for (what, texts) in refusals {
            do {
                _ = try await target.importEnvelopes(envelopes, texts: texts)
                Issue.record("imported \(what)")
            } catch let error as EventStoreError {
                #expect(error.code == .invalidRequest, "\(what): \(error)")
            }
        }
        var broken = envelopes
        broken[1].hash = String(repeating: "0", count: 64)
        await #expect(throws: EventStoreError.self) { try await target.importEnvelopes(broken, texts: exported) }
        #expect(try await target.head().position == 0)
        #expect(try await Self.query(uri, "SELECT count(*) FROM texts").first?[0] == "0", "nothing is written with a refused import")

        let head = try await target.importEnvelopes(envelopes, texts: exported)
        #expect(head.position == 3)
        #expect(try await target.allTexts(after: nil, limit: 10) == texts)
        #expect(try await ChainVerifier.verify(target).ok)
        await target.close()
    }

    /// The least-privilege roles of ops/postgres-setup.sh: the application role inserts and
    /// erases texts through the store and can neither change nor empty the table; the
    /// trigger refuses that to the owner as well.
    @Test func theApplicationRoleInsertsAndErasesTextsButNeverChangesThem() async throws {
        let server = try PostgresTestDatabase.serverURL()
        let socketDirectory = try #require(URLComponents(string: server)?.queryItems?.first { $0.name == "host" }?.value)
        let suffix = EventId.random().prefix(8).replacingOccurrences(of: "-", with: "")
        let (database, owner, app) = ("tafel_tx_\(suffix)", "owner_\(suffix)", "app_\(suffix)")
        let superuser = ["PGHOST": socketDirectory, "PGUSER": "tafel"]
        func uri(_ role: String) -> String { "postgresql://\(role)@/\(database)?host=\(socketDirectory)" }
        let created = try OperationsScriptsTests.script("ops/postgres-setup.sh", ["create", database, owner, app], environment: superuser)
        #expect(created.status == 0, "\(created.output)")
        _ = try await PostgresEventStore.migrate(conninfo: uri(owner))
        let granted = try OperationsScriptsTests.script("ops/postgres-setup.sh", ["grant", database, owner, app], environment: superuser)
        #expect(granted.status == 0, "\(granted.output)")

        let store = try await PostgresEventStore.open(conninfo: uri(app))
        _ = try await store.append(Self.request("dossier-1", texts: [Self.sealed("geheim", ref: "t-1"), Self.sealed("blijft", ref: "t-2")]))
        _ = try await store.append(Self.erasure(["t-1"]))
        #expect(try await store.texts(["t-1", "t-2"]).keys.sorted() == ["t-2"])
        await store.close()

        for statement in ["UPDATE texts SET body = 'x'", "TRUNCATE texts", "DROP TABLE texts", "ALTER TABLE texts DISABLE TRIGGER ALL"] {
            do {
                _ = try await Self.query(uri(app), statement)
                Issue.record("the application role may \(statement)")
            } catch let error as EventStoreError {
                #expect(error.message.contains("permission denied") || error.message.contains("must be owner"), "\(statement): \(error.message)")
            }
        }
        for statement in ["UPDATE texts SET body = 'x'", "TRUNCATE texts"] {
            do {
                _ = try await Self.query(uri(owner), statement)
                Issue.record("the owner may \(statement)")
            } catch let error as EventStoreError {
                #expect(error.message.contains("only inserted and erased"), "\(statement): \(error.message)")
            }
        }
        #expect(try await Self.query(uri(owner), "SELECT body FROM texts").map { $0[0] } == ["blijft"])
    }

    /// Migration 005 on a database that already holds a log written under schema version 4:
    /// the table starts empty, the old events still read and verify, new appends store texts.
    @Test func migration005AddsTheTableToADatabaseWithData() async throws {
        let uri = try await PostgresTestDatabase.create()
        let older = try PostgresMigrations.bundled().filter { $0.version <= 4 }
        let setup = ConfinedConnection(label: "tafel.test.setup", conninfo: uri)
        defer { setup.close() }
        _ = try await setup.run { try PostgresMigrations.apply(older, on: $0) }
        let before = try await PostgresEventStore.open(conninfo: uri, migrate: false)
        _ = try await before.append(Sample.request("dossier-old", 3))
        await before.close()

        let store = try await PostgresEventStore.open(conninfo: uri)
        #expect(try await Self.query(uri, "SELECT max(version) FROM tafel_migrations").first?[0] == "5")
        #expect(try await Self.query(uri, "SELECT count(*) FROM texts").first?[0] == "0")
        let triggers = try await Self.query(uri, "SELECT tgname FROM pg_trigger WHERE tgrelid = 'texts'::regclass AND NOT tgisinternal")
        #expect(triggers.map { $0[0] } == ["texts_insert_or_erase_only"])
        let options = try await Self.query(uri, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'texts'")
        #expect(options.first?[0]?.contains("autovacuum_vacuum_scale_factor=0") == true, "\(options)")
        let text = Self.sealed("na de migratie", ref: "t-new")
        let result = try await store.append(Self.request("dossier-new", texts: [text]))
        #expect(result.positions == [4])
        #expect(try await store.texts(["t-new"]) == ["t-new": text])
        #expect(try await store.readStream("dossier-old", from: 1, limit: 10).count == 3)
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()
    }
}
