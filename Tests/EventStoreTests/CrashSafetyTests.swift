import EventStore
import Events
import Foundation
import Testing

/// Kills a writing `tafel` process with SIGKILL at a random moment and checks that every
/// event it acknowledged is in the store, positions are gapless and the chain verifies.
@Suite struct CrashSafetyTests {
    @Test(arguments: 0..<5)
    func everyAcknowledgedEventSurvivesSIGKILL(round: Int) async throws {
        var generator = SystemRandomNumberGenerator()
        let directory = try TemporaryDirectory.make()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TafelProcess.binary)
        process.arguments = ["stress", "append", "--store", directory, "--concurrency", "32"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let delay = Int.random(in: 150...700, using: &generator)
        try await Task.sleep(for: .milliseconds(delay))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
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
