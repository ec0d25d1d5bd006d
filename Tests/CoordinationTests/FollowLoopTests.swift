import Coordination
import EventStore
import Events
import Foundation
import Synchronization
import TestSupport
import Testing

/// The background follow loop says when it cannot follow the log, and waits longer after
/// each failure instead of spinning.
@Suite struct FollowLoopTests {
    @Test func aFailingFollowLoopLogsEachFailureWithAGrowingBackOff() async throws {
        let (_, file) = try await CoordinationServiceTests.service()
        let store = CountingStore(file)
        let lines = Mutex<[JSONValue]>([])
        let logger = Logger(capturing: { line in
            if let value = try? JSONParser.parse(line) { lines.withLock { $0.append(value) } }
        })
        let service = try await CoordinationService(store: store, logger: logger)
        store.fail(.waitForEvents, with: EventStoreError(.unavailable, "connection to /tmp/pg lost"))

        let follower = Task { await service.follow() }
        var waited = 0
        while lines.withLock({ $0.count }) < 3, waited < 1000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        follower.cancel()
        let logged = lines.withLock { $0 }
        try #require(logged.count >= 3)
        #expect(logged.allSatisfy { $0["event"] == "follow_failed" && $0["level"] == "warning" })
        #expect(logged.allSatisfy { $0["cause"] == "unavailable: connection to /tmp/pg lost" })
        #expect(logged.prefix(3).map { $0["retryInMs"] } == [.int(200), .int(400), .int(800)])
        await file.close()
    }
}
