@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// PostgreSQL tests that need the server to themselves: one restarts it, one times
/// notifications, some hold every commit back by server settings (``HeldCommits``).
/// `ops/test.sh` runs this suite on its own, after every other test, so that neither
/// disturbs nor is disturbed by the rest.
@Suite(.serialized) struct PostgresIsolatedTests {
    @Test func eventsAppendedByAnotherProcessReachSubscriptionsWithin100ms() async throws {
        let (uri, store) = try await PostgresStoreTests.store()
        let delays = Task {
            var delays: [Int64] = []
            for try await envelope in store.subscribe(from: 1) {
                delays.append(FileEventStore.systemClock().millisecondsSinceEpoch - envelope.recordedAt.millisecondsSinceEpoch)
                if delays.count == 150 { break }
            }
            return delays.sorted()
        }
        let (process, _) = try TafelProcess.start(["stress", "append", "--store", uri, "--concurrency", "2", "--events", "100"])
        process.waitUntilExit()
        let sorted = try await delays.value
        #expect(sorted.count == 150)
        let p99 = sorted[Int(Double(sorted.count) * 0.99) - 1]
        #expect(p99 < 100, "p99 delay \(p99) ms from commit to subscriber in another process")
        await store.close()
    }

    @Test func aServerRestartMidLoadLosesNoAcknowledgedEvent() async throws {
        let (uri, store) = try await PostgresStoreTests.store()
        await store.close()
        guard let directory = ProcessInfo.processInfo.environment["TAFEL_TEST_PGDIR"] else {
            Issue.record("TAFEL_TEST_PGDIR is not set: run the tests with ops/test.sh")
            return
        }
        let outputFile = try TemporaryDirectory.make() + ".acks"
        let writer = try TafelProcess.start(["stress", "append", "--store", uri, "--concurrency", "8"], outputFile: outputFile)
        try await Task.sleep(for: .milliseconds(400))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ops/postgres-test-server.sh").path
        #expect(try TafelProcess.spawnAndWait(script, ["restart", directory]) == 0)
        try await Task.sleep(for: .milliseconds(1500))
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        let printed = try String(contentsOfFile: outputFile, encoding: .utf8)
        let acknowledged = TafelProcess.acknowledgements(printed)
        let failures = printed.split(separator: "\n").filter { $0.hasPrefix("fail ") }
        let codes = Set(failures.map { $0.split(separator: " ").dropFirst().first.map(String.init) ?? "" })
        #expect(codes.isSubset(of: ["retryable", "unavailable", "outcome_unknown"]), "\(codes)")

        let reopened = try await PostgresEventStore.open(conninfo: uri)
        var all: [EventEnvelope] = []
        try await reopened.readAll { all += $0 }
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        #expect(!acknowledged.isEmpty)
        // The restart may go unnoticed by the writers: an answer lost in it is looked up, and
        // an append that did not land is tried again, so there need not be any failure.
        for (position, eventId) in acknowledged {
            #expect(position <= Int64(all.count), "acknowledged \(position) lost")
            if position <= Int64(all.count) { #expect(all[Int(position - 1)].eventId == eventId) }
        }
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }

    /// The answer to a commit that is on disk is lost, and the database cannot be asked
    /// afterwards: the client must hear "may have been written", not "retry".
    @Test func aLostAnswerThatCannotBeCheckedIsAnUnknownOutcome() async throws {
        let held = try await HeldCommits.make()
        // Whatever happens, the server must not be left holding every commit back.
        defer {
            _ = try? held.admin.query("ALTER DATABASE \(held.database) ALLOW_CONNECTIONS true")
            try? held.release()
        }
        let store = try await PostgresEventStore.open(conninfo: held.uri)
        _ = try await store.append(Sample.request("dossier-warm"))
        let request = Sample.request("dossier-a", 2)
        try held.hold()
        let append = Task { try await store.append(request) }
        let backend = try await held.waitingBackend()
        try held.admin.query("ALTER DATABASE \(held.database) ALLOW_CONNECTIONS false")
        try held.admin.query("SELECT pg_terminate_backend($1::int)", [String(backend)])
        let outcome = await append.result
        try held.admin.query("ALTER DATABASE \(held.database) ALLOW_CONNECTIONS true")
        try held.release()
        switch outcome {
        case .success: Issue.record("a lost answer was reported as success without checking")
        case let .failure(error): #expect((error as? EventStoreError)?.code == .outcomeUnknown, "\(error)")
        }
        // It was written indeed: "retryable" would have been a lie.
        let log = try await store.read(from: 1, limit: 10)
        #expect(log.map(\.eventId).contains(request.events[0].eventId))
        await store.close()
    }

    /// Sessions killed while their commits wait (on disk, answer held back) and at random
    /// moments: every acknowledgement must be in the log with its event, every definite
    /// refusal absent; only `outcome_unknown` may go either way.
    @Test func killingSessionsMidLoadNeverAcknowledgesWhatIsMissingNorRefusesWhatLanded() async throws {
        let held = try await HeldCommits.make()
        defer { try? held.release() }
        let opened = try await PostgresEventStore.open(conninfo: held.uri)
        await opened.close()
        let outputFile = try TemporaryDirectory.make() + ".acks"
        let writer = try TafelProcess.start(
            ["stress", "append", "--store", held.uri, "--concurrency", "8", "--events", "800"], outputFile: outputFile)
        try await Task.sleep(for: .milliseconds(300))
        var ended = 0
        var endedWhileCommitting = 0
        for round in 0..<60 {
            if round == 0 { try held.hold() }
            if round == 40 { try held.release() }
            let rows = try held.admin.query(
                """
                SELECT wait_event = 'SyncRep', pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = $1 AND pid <> pg_backend_pid()
                """,
                [held.database]
            ).rows
            ended += rows.filter { $0[1] == "t" }.count
            endedWhileCommitting += rows.filter { $0[0] == "t" && $0[1] == "t" }.count
            try await Task.sleep(for: .milliseconds(round < 40 ? 30 : 25))
        }
        try held.release()
        for _ in 0..<600 where writer.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        if writer.isRunning { kill(writer.processIdentifier, SIGKILL) }
        writer.waitUntilExit()

        let printed = try String(contentsOfFile: outputFile, encoding: .utf8)
        let acknowledged = TafelProcess.acknowledgements(printed)
        let refusals = printed.split(separator: "\n").compactMap { line -> (code: String, eventId: String)? in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "fail" else { return nil }
            return (String(parts[1]), String(parts[2]))
        }
        let reopened = try await PostgresEventStore.open(conninfo: held.uri)
        var all: [EventEnvelope] = []
        try await reopened.readAll { all += $0 }
        let positions = Dictionary(all.map { ($0.eventId, $0.position) }, uniquingKeysWith: { first, _ in first })
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        #expect(Set(all.map(\.eventId)).count == all.count, "an event was written twice")
        #expect(acknowledged.count > 100, "\(acknowledged.count) acknowledged")
        // Refusals are rare now (lost answers are looked up, what did not land is retried);
        // that the kills hit commits is what makes the check above mean something.
        #expect(ended > 20, "\(ended) sessions ended")
        #expect(endedWhileCommitting > 5, "\(endedWhileCommitting) sessions ended between commit and answer")
        for (position, eventId) in acknowledged {
            #expect(positions[eventId] == position, "acknowledged \(eventId) at \(position), in the log at \(String(describing: positions[eventId]))")
        }
        for refusal in refusals where refusal.code != "outcome_unknown" {
            #expect(positions[refusal.eventId] == nil, "refused (\(refusal.code)) \(refusal.eventId), yet it is in the log")
        }
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }

    /// The answer to a batch that stored a text and erased another is lost after its commit
    /// reached the disk: the store finds the batch landed, and with it the text and the erasure.
    @Test func aLostAnswerResolvesTheBatchWithItsTexts() async throws {
        let held = try await HeldCommits.make()
        defer { try? held.release() }
        let store = try await PostgresEventStore.open(conninfo: held.uri)
        let old = PostgresTextStoreTests.sealed("oud", ref: "t-old")
        _ = try await store.append(PostgresTextStoreTests.request("dossier-a", texts: [old]))
        let new = PostgresTextStoreTests.sealed("nieuw", ref: "t-new")
        var request = PostgresTextStoreTests.request("dossier-a", texts: [new])
        request.erasing = ["t-old"]
        try held.hold()
        let append = Task { try await store.append(request) }
        let backend = try await held.waitingBackend()
        try held.admin.query("SELECT pg_terminate_backend($1::int)", [String(backend)])
        let outcome = await append.result
        try held.release()
        #expect(throws: Never.self) { try outcome.get() }
        #expect(try await store.texts(["t-old", "t-new"]) == ["t-new": new])
        await store.close()
    }
}

/// A database of its own whose commits can be held back: with a synchronous standby named
/// that never connects, a commit is on disk and its answer waits until the session ends.
/// So a test can end a session exactly between a commit and its answer. Every other session
/// on the server waits as well (the test server runs with `synchronous_commit=on`), which is
/// why only this suite, alone on the server, uses it; its own admin session commits locally.
struct HeldCommits {
    let uri: String
    let database: String
    /// On the server's own database; blocking calls, for the test's thread only.
    let admin: PostgresConnection

    static func make() async throws -> HeldCommits {
        let uri = try await PostgresTestDatabase.create()
        let database = String((URLComponents(string: uri)?.path ?? "").dropFirst())
        let admin = try PostgresConnection(conninfo: try PostgresTestDatabase.serverURL())
        try admin.query("SET synchronous_commit = local")
        return HeldCommits(uri: uri, database: database, admin: admin)
    }

    func hold() throws {
        try admin.query("ALTER SYSTEM SET synchronous_standby_names = 'tafel_never'")
        try admin.query("SELECT pg_reload_conf()")
        // The checkpointer publishes the new standby list when it has read the file.
        usleep(500_000)
    }

    func release() throws {
        try admin.query("ALTER SYSTEM RESET synchronous_standby_names")
        try admin.query("SELECT pg_reload_conf()")
        usleep(200_000)
    }

    /// The session of this database whose commit waits for the standby.
    func waitingBackend() async throws -> Int32 {
        for _ in 0..<200 {
            if let pid = try admin.query(
                "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'SyncRep'", [database]
            ).first?[0].flatMap({ Int32($0) }) {
                return pid
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw EventStoreError(.unavailable, "no commit waited for the standby")
    }
}
