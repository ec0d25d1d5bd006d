@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// The PostgreSQL store against what a database can do to it: event ids already in the
/// log, forged notifications, a log that went backwards, statements that never end, and
/// server messages that quote statements.
@Suite struct PostgresHardeningTests {
    @Test func anAppendWhoseEventsAreInTheLogAlreadyAnswersWhereTheyLanded() async throws {
        let (_, store) = try await PostgresStoreTests.store()
        let request = Sample.request("dossier-a", 3)
        _ = try await store.append(Sample.request("dossier-b"))
        let first = try await store.append(request)
        // The same events again, as a client whose first answer was lost would send them.
        let again = try await store.append(request)
        #expect(again == first)
        #expect(try await store.head().position == 4)
        var reused = Sample.request("dossier-c", 2)
        reused.events[1].eventId = request.events[0].eventId
        do {
            _ = try await store.append(reused)
            Issue.record("an append reusing another event's id was accepted")
        } catch let error as EventStoreError {
            #expect(error.code == .invalidRequest, "\(error)")
        }
        #expect(try await store.head().position == 4)
        _ = try await store.append(Sample.request("dossier-d"))
        #expect(try await store.head().position == 5)
        await store.close()
    }

    @Test func aForgedNotificationIsOnlyAHintAndNeverTheHead() async throws {
        let (uri, store) = try await PostgresStoreTests.store()
        _ = try await store.append(Sample.request("dossier-a", 5))
        let admin = ConfinedConnection(label: "test.admin", conninfo: uri)
        _ = try await admin.run { try $0.query("NOTIFY tafel_events, '9000000000'") }
        // A real event from another process comes after the forged one, on the same channel.
        let other = try await PostgresEventStore.open(conninfo: uri)
        _ = try await other.append(Sample.request("dossier-b"))
        await other.close()
        try await store.waitForEvents(after: 5)
        #expect(store.knownHead == 6)
        #expect(await store.writeRefusal() == nil)
        admin.close()
        await store.close()
    }

    @Test func aLogThatWentBackwardsStopsWritesAndIsReported() async throws {
        let uri = try await PostgresTestDatabase.create()
        let captured = CapturedLog()
        let store = try await PostgresEventStore.open(conninfo: uri, logger: captured.logger)
        _ = try await store.append(Sample.request("dossier-a", 5))
        #expect(await store.writeRefusal() == nil)
        // A restore to an earlier point, under the running server.
        let admin = ConfinedConnection(label: "test.admin", conninfo: uri)
        _ = try await admin.run { connection in
            try connection.query("SET session_replication_role = replica")
            try connection.query("DELETE FROM events WHERE position > 2")
            try connection.query("NOTIFY tafel_events, '2'")
        }
        var refusal: EventStoreError?
        for _ in 0..<100 where refusal == nil {
            refusal = await store.writeRefusal()
            if refusal == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(refusal?.message.contains("went backwards") == true, "\(String(describing: refusal))")
        do {
            _ = try await store.append(Sample.request("dossier-b"))
            Issue.record("appended on a log that went backwards")
        } catch let error as EventStoreError {
            #expect(error.code == .unavailable)
        }
        #expect(try await store.head().position == 2)
        let reported = captured.lines("log_went_backwards")
        #expect(reported.count == 1, "once, however often it is seen: \(captured.lines)")
        #expect(reported.first?["position"] == .int(2))
        #expect(reported.first?["committed"] == .int(5))
        admin.close()
        await store.close()
    }

    @Test func theWriterFindsALogThatWentBackwardsItselfWhenNoNotificationComes() async throws {
        let (uri, store) = try await PostgresStoreTests.store()
        _ = try await store.append(Sample.request("dossier-a", 5))
        let admin = ConfinedConnection(label: "test.admin", conninfo: uri)
        _ = try await admin.run { connection in
            try connection.query("SET session_replication_role = replica")
            try connection.query("DELETE FROM events WHERE position > 2")
        }
        await #expect(throws: EventStoreError.self) { try await store.append(Sample.request("dossier-b")) }
        #expect(try await store.read(from: 1, limit: 10).count == 2)
        #expect(await store.writeRefusal()?.code == .unavailable)
        admin.close()
        await store.close()
    }

    @Test func everyConnectionHasAStatementTimeoutUnlessTheConnectionStringSetsOne() async throws {
        let uri = try await PostgresTestDatabase.create()
        let plain = try PostgresConnection(conninfo: uri)
        #expect(try plain.query("SHOW statement_timeout").first?[0] == "10s")
        #expect(plain.answerDeadline == 15_000_000_000)
        var components = try #require(URLComponents(string: uri))
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "options", value: "-c statement_timeout=1500")]
        let configured = try PostgresConnection(conninfo: try #require(components.string))
        #expect(try configured.query("SHOW statement_timeout").first?[0] == "1500ms")
        #expect(configured.answerDeadline == 6_500_000_000)
    }

    @Test func aStatementThatRunsTooLongEndsWithAnErrorNothingWritten() async throws {
        let uri = try await PostgresTestDatabase.create()
        var components = try #require(URLComponents(string: uri))
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "options", value: "-c statement_timeout=300")]
        let store = try await PostgresEventStore.open(conninfo: try #require(components.string))
        // Another session keeps every writer out until the statement timeout ends the wait.
        let blocker = try PostgresConnection(conninfo: uri)
        try blocker.query("BEGIN")
        try blocker.query("LOCK TABLE events IN EXCLUSIVE MODE")
        do {
            _ = try await store.append(Sample.request("dossier-a"))
            Issue.record("appended past a lock")
        } catch let error as EventStoreError {
            #expect(error.code != .outcomeUnknown, "\(error)")
        }
        try blocker.query("ROLLBACK")
        #expect(try await store.head().position == 0)
        #expect(try await store.append(Sample.request("dossier-a")).positions == [1])
        await store.close()
    }

    @Test func serverMessagesDoNotQuoteTheStatement() async throws {
        let uri = try await PostgresTestDatabase.create()
        let connection = try PostgresConnection(conninfo: uri)
        do {
            try connection.query("SELECT secret_column FROM pg_class WHERE relname = 'dossier-geheim'")
            Issue.record("a bad statement ran")
        } catch {
            #expect(error.sqlState?.raw == "42703")
            #expect(!error.storeError.message.contains("dossier-geheim"), "\(error.storeError.message)")
            #expect(!error.storeError.message.contains("LINE"), "\(error.storeError.message)")
        }
    }
}

/// `/health` over real HTTP on a PostgreSQL store.
@Suite struct PostgresHealthTests {
    @Test func healthIsNotOkOnceTheLogWentBackwards() async throws {
        let (uri, store) = try await PostgresStoreTests.store()
        _ = try await store.append(Sample.request("dossier-a", 5))
        await store.close()
        let directory = try TemporaryDirectory.make()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let server = try ServerProcess(["serve", "--store", uri], logPath: directory + "/serve.log")
        defer { _ = server.stop() }
        func health() throws -> (status: Int, json: JSONValue) {
            let response = try server.connection().request("GET", "/health", headers: [])
            return (response.status, try JSONParser.parse(response.body))
        }
        let before = try health()
        #expect(before.status == 200)
        #expect(before.json["status"] == .string("ok"))
        let admin = ConfinedConnection(label: "test.admin", conninfo: uri)
        _ = try await admin.run { connection in
            try connection.query("SET session_replication_role = replica")
            try connection.query("DELETE FROM events WHERE position > 2")
            try connection.query("NOTIFY tafel_events, '2'")
        }
        admin.close()
        var after = try health()
        for _ in 0..<100 where after.status == 200 {
            try await Task.sleep(for: .milliseconds(50))
            after = try health()
        }
        #expect(after.status == 503)
        #expect(after.json["status"] == .string("unavailable"))
        guard case let .string(problem)? = after.json["problem"] else {
            Issue.record("no problem named: \(after.json)")
            return
        }
        #expect(problem.contains("went backwards"), "\(problem)")
    }
}
