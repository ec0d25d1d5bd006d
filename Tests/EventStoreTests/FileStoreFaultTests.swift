import Coordination
import EventStore
import Events
import Foundation
import Testing

/// What callers are told when the disk fails under the file store: a failed flush leaves
/// the outcome unknown (the events may be in the log) and stops all writing until the
/// store is reopened; a write that stopped part-way wrote nothing that is ever read.
@Suite struct FileStoreFaultTests {
    @Test func aFailedFlushIsAnUnknownOutcomeAndTheStoreRefusesWritesUntilReopened() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        _ = try await store.append(Sample.request("dossier-a", 2))
        #expect(await store.writeRefusal() == nil)

        store.failNextFlush()
        let retried = Sample.request("dossier-b", 3, requestId: "request-b")
        do {
            _ = try await store.append(retried)
            Issue.record("an append whose flush failed succeeded")
        } catch let error as EventStoreError {
            #expect(error.code == .outcomeUnknown, "\(error)")
        }
        let refusal = try #require(await store.writeRefusal())
        #expect(refusal.code == .unavailable)
        do {
            _ = try await store.append(Sample.request("dossier-c"))
            Issue.record("a store whose flush failed went on writing")
        } catch let error as EventStoreError {
            #expect(error.code == .unavailable, "\(error)")
        }
        #expect(try await store.head().position == 2, "readers never see what was not flushed")
        let status = await (try CoordinationService(store: store)).status()
        #expect(!status.isHealthy, "/health must not say ok while the store refuses writes")
        #expect(status.storeRefusal != nil)
        await store.close()

        // The failed batch was in the file all along: the retry with the same requestId finds it.
        let reopened = try FileEventStore.open(directory: directory)
        #expect(await reopened.writeRefusal() == nil)
        #expect(try await reopened.head().position == 5)
        #expect(try await reopened.append(retried).positions == [3, 4, 5])
        #expect(try await reopened.head().position == 5)
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }

    /// Appends queued behind a failed flush, in flight or refused, are never told a definite,
    /// retryable failure for events that may be in the log.
    @Test func concurrentAppendsAroundAFailedFlushAreEitherAcknowledgedUnknownOrRefused() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        _ = try await store.append(Sample.request("dossier-a"))
        store.failNextFlush()
        let codes = await withTaskGroup(of: String.self) { group in
            for writer in 0..<32 {
                group.addTask {
                    do {
                        _ = try await store.append(Sample.request("dossier-\(writer)", requestId: "request-\(writer)"))
                        return "ok"
                    } catch let error as EventStoreError {
                        return error.code.rawValue
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(codes.contains("outcome_unknown"))
        #expect(Set(codes).isSubset(of: ["ok", "outcome_unknown", "unavailable"]), "\(Set(codes))")
        await store.close()
    }

    @Test func aWriteThatStopsPartWayIsADefiniteFailureAndNeverReadAsEvents() async throws {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        _ = try await store.append(Sample.request("dossier-a"))
        // Enough for the batch header and its first few records, not the whole batch.
        store.failNextWrite(keeping: 2000)
        let request = Sample.request("dossier-b", 10, requestId: "request-b")
        do {
            _ = try await store.append(request)
            Issue.record("an append whose write failed succeeded")
        } catch let error as EventStoreError {
            #expect(error.code == .io, "\(error)")
        }
        #expect(await store.writeRefusal() != nil, "the log could not be cut back, so the store stops writing")
        await store.close()

        let reopened = try FileEventStore.open(directory: directory)
        #expect(reopened.recovery.truncatedBytes > 0, "the partial batch is cut, not read")
        #expect(try await reopened.head().position == 1)
        #expect(try await reopened.append(request).positions == Array(2...11))
        #expect(try await ChainVerifier.verify(reopened).ok)
        await reopened.close()
    }
}
