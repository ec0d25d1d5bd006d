@testable import EventStore
import Events
import Foundation
import TestSupport
import Testing

/// Over real HTTP, against a real PostgreSQL whose `events` table has gone away under a
/// running `tafel serve`: the reply names the kind and an error id, never the SQL or the
/// libpq message, and the server's standard error holds the cause under that id.
@Suite struct InternalErrorOverHTTPTests {
    @Test func aDatabaseFailureIsAnsweredWithAnIdAndLoggedWithItsCause() async throws {
        let uri = try await PostgresTestDatabase.create()
        let issued = try TafelProcess.run(["token", "issue", "--store", uri, "--principal", "admin", "--role", "admin"])
        try #require(issued.status == 0, "\(issued.stderr)")
        let admin = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let logPath = try TemporaryDirectory.make() + ".log"
        let server = try ServerProcess(["serve", "--store", uri, "--request-log", "off"], logPath: logPath)
        defer { _ = server.stop() }
        #expect(try server.call("events.read", ["fromPosition": 1], token: admin)["result"] != nil)

        let owner = ConfinedConnection(label: "tafel.test.break", conninfo: uri)
        _ = try await owner.run { try $0.query("ALTER TABLE events RENAME TO events_moved_away") }
        owner.close()

        let answer = try server.call("events.read", ["fromPosition": 1], token: admin)
        let text = String(decoding: answer.canonicalBytes, as: UTF8.self)
        #expect(answer["error"]?["code"] == .int(-32603), "\(text)")
        #expect(answer["error"]?["data"]?["kind"] == "unavailable" || answer["error"]?["data"]?["kind"] == "internal", "\(text)")
        guard case let .string(errorId)? = answer["error"]?["data"]?["errorId"] else {
            Issue.record("no errorId: \(text)")
            return
        }
        for leak in ["events_moved_away", "relation", "ERROR", "SELECT", "postgresql://", "/"] {
            #expect(!text.contains(leak), "the reply leaks \(leak): \(text)")
        }
        let logged = server.log.split(separator: "\n").filter { $0.contains(errorId) }
        #expect(logged.count == 1, "\(server.log)")
        #expect(logged.first?.contains("events") == true, "\(logged)")
    }
}
