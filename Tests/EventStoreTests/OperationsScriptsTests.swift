@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// The scripts of `ops/` against a real PostgreSQL and a real server: least privilege for
/// the server's role, and backups that restore to the same verified head.
@Suite struct OperationsScriptsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs an `ops/` script (or any program) with extra environment; status and output.
    static func script(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = root.appendingPathComponent(name)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(["TAFEL": try TafelProcess.binary]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func theServerRoleMayReadAndAppendButNeverRewriteAndBackupsRestoreTheSameHead() async throws {
        let server = try PostgresTestDatabase.serverURL()
        let socketDirectory = try #require(URLComponents(string: server)?.queryItems?.first { $0.name == "host" }?.value)
        let suffix = EventId.random().prefix(8).replacingOccurrences(of: "-", with: "")
        let (database, owner, app) = ("tafel_lp_\(suffix)", "owner_\(suffix)", "app_\(suffix)")
        let superuser = ["PGHOST": socketDirectory, "PGUSER": "tafel"]
        func uri(_ role: String, _ name: String = database) -> String { "postgresql://\(role)@/\(name)?host=\(socketDirectory)" }

        let created = try Self.script("ops/postgres-setup.sh", ["create", database, owner, app], environment: superuser)
        #expect(created.status == 0, "\(created.output)")
        #expect(try TafelProcess.run(["migrate", "--store", uri(owner)]).status == 0)
        let granted = try Self.script("ops/postgres-setup.sh", ["grant", database, owner, app], environment: superuser)
        #expect(granted.status == 0, "\(granted.output)")

        let issued = try TafelProcess.run(["token", "issue", "--store", uri(app), "--principal", "admin", "--role", "admin"])
        #expect(issued.status == 0, "the server role appends: \(issued.stderr)")
        let verified = try TafelProcess.run(["verify", "--store", uri(app)])
        #expect(verified.stdout.hasPrefix("ok 1 events"), "\(verified.stdout) \(verified.stderr)")

        let limited = ConfinedConnection(label: "test.app", conninfo: uri(app))
        for statement in [
            "UPDATE events SET stream = 'x'", "DELETE FROM events", "TRUNCATE events", "CREATE TABLE extra (a int)", "DROP TABLE events",
            "UPDATE texts SET body = 'x'", "TRUNCATE texts",
            "UPDATE read_log SET name = 'x'", "DELETE FROM read_log", "TRUNCATE read_log",
        ] {
            do {
                _ = try await limited.run { try $0.query(statement) }
                Issue.record("the server role may \(statement)")
            } catch let error as EventStoreError {
                #expect(error.message.contains("permission denied") || error.message.contains("must be owner"), "\(statement): \(error.message)")
            }
        }
        let lockedOut = try await limited.run { connection in
            try connection.query("BEGIN")
            defer { _ = try? connection.query("ROLLBACK") }
            return try connection.query("SELECT tafel_lock_log()").rows.count
        }
        #expect(lockedOut == 1, "the server role may keep other writers out for its last attempt")
        let reads = PostgresReadLog(conninfo: uri(app))
        let appended = try await reads.append([ReadLogSample.record(actor: "admin", dossiers: ["d1"])])
        #expect(appended.map(\.sequence) == [1], "the server role appends read records")
        await reads.close()
        limited.close()

        let dump = NSTemporaryDirectory() + "/tafel-\(suffix).dump"
        defer { try? FileManager.default.removeItem(atPath: dump) }
        #expect(try Self.script("ops/backup.sh", ["postgresql", uri(owner), dump]).status == 0)
        let admin = ConfinedConnection(label: "test.admin", conninfo: server)
        _ = try await admin.run { try $0.query("CREATE DATABASE \(database)_restored OWNER \(owner)") }
        admin.close()
        let restored = try Self.script("ops/restore.sh", ["postgresql", dump, uri(owner, database + "_restored")])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(restored.output.contains(verified.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "restored: \(restored.output), original: \(verified.stdout)")
    }

    @Test func aFileStoreBacksUpWhileServingAndRestoresTheSameHead() async throws {
        let directory = try TemporaryDirectory.make()
        let issued = try TafelProcess.run(["token", "issue", "--store", directory, "--principal", "admin", "--role", "admin"])
        #expect(issued.status == 0)
        let server = try ServerProcess(["serve", "--store", directory, "--request-log", "off"], logPath: directory + ".log")
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for index in 0..<20 {
            _ = try server.call("department.register", ["departmentId": .string("d\(index)"), "name": "Afdeling"], token: token)
        }
        let backup = directory + ".backup"
        let copied = try Self.script("ops/backup.sh", ["file", directory, backup])
        #expect(copied.status == 0, "\(copied.output)")
        #expect(copied.output.contains("ok 21 events"), "\(copied.output)")
        #expect(server.stop() == 0)
        let original = try TafelProcess.run(["verify", "--store", directory]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let restored = try Self.script("ops/restore.sh", ["file", backup, directory + ".restored"])
        #expect(restored.status == 0 && restored.output.contains(original), "\(restored.output) vs \(original)")

        let exported = directory + ".ndjson"
        #expect(try Self.script("ops/backup.sh", ["export", directory, exported]).status == 0)
        let imported = try Self.script("ops/restore.sh", ["export", exported, directory + ".imported"])
        #expect(imported.status == 0 && imported.output.contains(original), "\(imported.output)")
    }

    /// A power cut left the last batch torn: the backup holds the acknowledged prefix and
    /// verifies; damage before acknowledged batches fails the backup, naming the position.
    @Test func aFileBackupOfATornLogHoldsTheAcknowledgedPrefixAndDamageFailsIt() async throws {
        let torn = try await FileStoreRecoveryTests.log(batches: [1, 1, 1, 1, 1, 60])
        let last = try #require(try FileStoreRecoveryTests.batches(torn).last)
        try FileStoreRecoveryTests.lose(FileStoreRecoveryTests.PageLoss.all[0], of: last, in: torn)
        let before = try Data(contentsOf: URL(fileURLWithPath: torn + "/events.log"))
        let copied = try Self.script("ops/backup.sh", ["file", torn, torn + ".backup"])
        #expect(copied.status == 0, "\(copied.output)")
        #expect(copied.output.contains("ok 5 events"), "\(copied.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: torn + "/events.log")) == before, "a backup changes nothing")

        let damaged = try await FileStoreRecoveryTests.log(batches: [1, 1, 1, 1, 1, 60, 1])
        let batch = try FileStoreRecoveryTests.batches(damaged)[5]
        try FileStoreRecoveryTests.lose(FileStoreRecoveryTests.PageLoss.all[0], of: batch, in: damaged)
        let refused = try Self.script("ops/backup.sh", ["file", damaged, damaged + ".backup"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("position"), "\(refused.output)")
    }

    /// Copies taken while a writer appends as fast as it can each hold whole batches only,
    /// so every one of them verifies.
    @Test func fileBackupsTakenWhileAppendingAlwaysVerify() async throws {
        let directory = try TemporaryDirectory.make()
        let process = try TafelProcess.start(
            ["stress", "append", "--store", directory, "--concurrency", "4", "--events", "200000"], outputFile: directory + ".acks")
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        var waited = 0
        while (try? String(contentsOfFile: directory + ".acks", encoding: .utf8))?.contains("ack ") != true, waited < 20_000 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 10
        }
        // The writer runs until it is killed below (a busy machine only slows it), so every
        // copy is taken while it appends.
        var round = 0
        while process.isRunning, round < 2 {
            let copied = try Self.script("ops/backup.sh", ["file", directory, directory + ".backup-\(round)"])
            #expect(copied.status == 0, "round \(round): \(copied.output)")
            #expect(copied.output.contains("ok "), "round \(round): \(copied.output)")
            round += 1
        }
        #expect(round > 0, "the writer stopped before a backup was taken, so none proved anything")
    }
}
