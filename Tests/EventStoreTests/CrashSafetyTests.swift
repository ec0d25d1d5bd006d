import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// Kills a writing `tafel` process with SIGKILL at a random moment and checks that every
/// event it acknowledged is in the store, positions are gapless and the chain verifies.
@Suite struct CrashSafetyTests {
    @Test(arguments: 0..<5)
    func everyAcknowledgedEventSurvivesSIGKILL(round: Int) async throws {
        var generator = SystemRandomNumberGenerator()
        let directory = try TemporaryDirectory.make()
        let outputFile = directory + ".acks"
        let process = try TafelProcess.start(
            ["stress", "append", "--store", directory, "--concurrency", "32", "--events", "30000"], outputFile: outputFile)
        // Kill at a random moment once writing is under way (start-up time varies with load).
        // The writer stops by itself after 30,000 events, so a kill that a busy machine delays
        // cannot grow the log without bound; a writer that got there first was not crashed.
        var waited = 0
        while (try? String(contentsOfFile: outputFile, encoding: .utf8))?.contains("ack ") != true, waited < 20_000 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 10
        }
        let delay = Int.random(in: 20...400, using: &generator)
        try await Task.sleep(for: .milliseconds(delay))
        let crashed = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        if !crashed { print("round \(round): the writer finished before the kill; checked as a clean stop") }
        let printed = try String(contentsOfFile: outputFile, encoding: .utf8)
        let acknowledged = TafelProcess.acknowledgements(printed)
        #expect(!acknowledged.isEmpty, "the writer acknowledged nothing in \(delay) ms")

        let store = try FileEventStore.open(directory: directory)
        let head = try await store.head()
        var all: [EventEnvelope] = []
        try await store.readAll { all += $0 }
        #expect(all.map(\.position) == Array(1...max(1, head.position)).prefix(all.count).map { $0 })
        #expect(Int64(all.count) == head.position)
        for (position, eventId) in acknowledged {
            #expect(position <= head.position, "acknowledged position \(position) lost (head \(head.position))")
            if position <= head.position { #expect(all[Int(position - 1)].eventId == eventId) }
        }
        #expect(try await ChainVerifier.verify(store).ok)
        #expect(try await store.append(Sample.request("dossier-after-crash")).positions == [head.position + 1])
        await store.close()
    }
}
