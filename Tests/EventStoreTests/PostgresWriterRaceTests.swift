@testable import EventStore
import Events
import Synchronization
import Testing

/// Two PostgreSQL writers on one database, each with its own cache of the log's tail and
/// stream versions, as two `tafel serve` processes have: whatever one believes from its
/// cache, the other's appends must be respected, and a stale belief may cost a retry but
/// never a wrong answer.
@Suite struct PostgresWriterRaceTests {
    static func twoWriters() async throws -> (PostgresEventStore, PostgresEventStore) {
        let uri = try await PostgresTestDatabase.create()
        return (try await PostgresEventStore.open(conninfo: uri), try await PostgresEventStore.open(conninfo: uri))
    }

    @Test func aConflictIsNeverAnsweredFromAStaleCache() async throws {
        let (first, second) = try await Self.twoWriters()
        _ = try await second.append(Sample.request("dossier-a"))
        _ = try await first.append(Sample.request("dossier-a"))
        let appended = try await second.append(Sample.request("dossier-a", expected: .exact(2)))
        #expect(appended.version == 3)
        #expect(appended.positions == [3])
        do {
            _ = try await second.append(Sample.request("dossier-a", expected: .exact(2)))
            Issue.record("appended on a version that had moved on")
        } catch let error as EventStoreError {
            #expect(error.code == .conflict)
            #expect(error.actual == 3)
        }
        await first.close()
        await second.close()
    }

    @Test func aRequestIdAnsweredByAnotherWriterIsNotAppendedAgain() async throws {
        let (first, second) = try await Self.twoWriters()
        _ = try await second.append(Sample.request("dossier-b"))
        let original = try await first.append(Sample.request("dossier-c", 2, requestId: "request-1"))
        let retried = try await second.append(Sample.request("dossier-c", 2, requestId: "request-1"))
        #expect(retried == original)
        let next = try await second.append(Sample.request("dossier-b"))
        #expect(next.positions == [4])
        #expect(try await second.head().position == 4)
        #expect(try await ChainVerifier.verify(first).ok)
        await first.close()
        await second.close()
    }

    @Test func theLockedLastAttemptWritesOnAFreshTail() async throws {
        let (first, second) = try await Self.twoWriters()
        _ = try await second.append(Sample.request("dossier-d"))
        _ = try await first.append(Sample.request("dossier-d"))
        let result: AppendResult = try await withCheckedThrowingContinuation { continuation in
            second.writer.queue.async {
                let batch = [PostgresEventStore.Pending.append(PreparedAppend(Sample.request("dossier-d")), continuation)]
                var known: [RequestKey: AnsweredRequest] = [:]
                do {
                    let decided = try second.writer.onQueue {
                        try second.attempt(batch, known: &known, locked: true, announce: false, on: $0)
                    }
                    guard let decided else { throw EventStoreError(.io, "the locked attempt found a stale belief") }
                    second.deliver(batch, decided.answers)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        #expect(result.positions == [3])
        #expect(result.version == 3)
        #expect(try await ChainVerifier.verify(first).ok)
        await first.close()
        await second.close()
    }

    @Test func anEventIdAlreadyInTheLogOnAnotherStreamIsRefusedAsReused() async throws {
        let (first, second) = try await Self.twoWriters()
        var request = Sample.request("dossier-e")
        _ = try await first.append(request)
        request.stream = "dossier-f"
        do {
            _ = try await second.append(request)
            Issue.record("an event id was written twice")
        } catch let error as EventStoreError {
            #expect(error.code == .invalidRequest, "\(error)")
            #expect(error.message.contains("event ids"), "\(error.message)")
        }
        #expect(try await first.head().position == 1)
        await first.close()
        await second.close()
    }

    /// The batch decided ahead goes to the server the moment the one before commits; when
    /// another writer took its position meanwhile, the server refuses it whole and it is
    /// decided again on the fresh tail.
    @Test func aBatchSentAheadThatLostItsPositionIsDecidedAgain() async throws {
        let (first, second) = try await Self.twoWriters()
        _ = try await second.append(Sample.request("dossier-g"))
        _ = try await first.append(Sample.request("dossier-h"))
        let sentAhead = Mutex(false)
        let result: AppendResult = try await withCheckedThrowingContinuation { continuation in
            second.writer.queue.async {
                var committed = PostgresEventStore.DecidedBatch(tail: second.cache.withLock { $0.tail! })
                committed.versionsAfter = ["dossier-g": 1]
                let ahead = PostgresEventStore.PlannedAhead()
                let item = PostgresEventStore.Pending.append(PreparedAppend(Sample.request("dossier-g", expected: .exact(1))), continuation)
                ahead.add([item], after: committed, cachedVersion: { _ in nil }, now: second.clock())
                second.sendAhead(ahead, after: committed)
                sentAhead.withLock { $0 = ahead.sent != nil }
                _ = second.commit(ahead.items, planned: ahead.decided, sent: ahead.sent)
                second.settleOwed()
            }
        }
        #expect(sentAhead.withLock { $0 })
        #expect(result.positions == [3])
        #expect(result.version == 2)
        #expect(try await first.head().position == 3)
        #expect(try await ChainVerifier.verify(first).ok)
        await first.close()
        await second.close()
    }
}
