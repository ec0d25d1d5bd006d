@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// PostgreSQL tests that need the server to themselves: one restarts it, one times
/// notifications. `ops/test.sh` runs this suite on its own, after every other test, so
/// that neither disturbs nor is disturbed by the rest.
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
        #expect(failures.allSatisfy { $0 == "fail retryable" || $0 == "fail unavailable" }, "\(Set(failures))")

        let reopened = try await PostgresEventStore.open(conninfo: uri)
        var all: [EventEnvelope] = []
        try await reopened.readAll { all += $0 }
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        #expect(!acknowledged.isEmpty)
        #expect(!failures.isEmpty, "the restart did not interrupt any append")
        for (position, eventId) in acknowledged {
            #expect(position <= Int64(all.count), "acknowledged \(position) lost")
            if position <= Int64(all.count) { #expect(all[Int(position - 1)].eventId == eventId) }
        }
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }
}
