@testable import EventStore
import Events
import Testing

/// Deciding appends ahead while the PostgreSQL writer's batch is at the server: given the
/// batch in flight and what the writer has cached, when appends arrive, then they are
/// decided as if that batch had committed — or not at all.
@Suite struct PlannedAheadTests {
    typealias Decided = PostgresEventStore.DecidedBatch

    /// The batch in flight: stream "dossier-a" at version 3 after it, ending at position 7,
    /// and request "request-1" answered by it.
    static let inFlight: Decided = {
        var batch = Decided(tail: LogTail(position: 7, hash: [UInt8](repeating: 7, count: 32), recordedAt: Timestamp(millisecondsSinceEpoch: 1_000)))
        batch.versionsAfter = ["dossier-a": 3]
        batch.answered = [
            RequestKey(principalId: Sample.actor.principalId, requestId: "request-1"):
                AnsweredRequest(result: AppendResult(stream: "dossier-a", version: 3, positions: [7]))
        ]
        return batch
    }()

    /// Runs `body` with pending appends of `requests`, then answers them so no caller leaks.
    func withPending(_ requests: [AppendRequest], _ body: ([PendingWrite]) -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            var items: [PendingWrite] = []
            for request in requests {
                let item: PendingWrite = await withCheckedContinuation { ready in
                    group.addTask {
                        _ = try? await withCheckedThrowingContinuation { (continuation: CheckedContinuation<AppendResult, Error>) in
                            ready.resume(returning: .append(PreparedAppend(request), continuation))
                        }
                    }
                }
                items.append(item)
            }
            body(items)
            for item in items { item.fail(with: EventStoreError(.closed, "test over")) }
        }
    }

    @Test func appendsToKnownStreamsContinueAfterTheBatchInFlight() async {
        await withPending([Sample.request("dossier-a", expected: .exact(3)), Sample.request("dossier-b", 2)]) { items in
            let ahead = PostgresEventStore.PlannedAhead()
            ahead.add([items[0]], after: Self.inFlight, cachedVersion: { $0 == "dossier-b" ? 5 : nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            ahead.add([items[1]], after: Self.inFlight, cachedVersion: { $0 == "dossier-b" ? 5 : nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            #expect(ahead.items.count == 2)
            let decided = ahead.decided
            #expect(decided?.envelopes.map(\.position) == [8, 9, 10])
            #expect(decided?.envelopes.map(\.version) == [4, 6, 7])
            #expect(decided?.envelopes.first?.previousHash == Hex.encode(Self.inFlight.tail.hash))
            #expect(decided?.versionsAfter == ["dossier-a": 4, "dossier-b": 7])
            #expect(decided?.answers.count == 2)
        }
    }

    @Test func aRetriedRequestOfTheBatchInFlightIsAnsweredNotAppended() async {
        await withPending([Sample.request("dossier-a", requestId: "request-1")]) { items in
            let ahead = PostgresEventStore.PlannedAhead()
            ahead.add(items, after: Self.inFlight, cachedVersion: { _ in nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            #expect(ahead.decided?.envelopes.isEmpty == true)
            guard case let .appended(.success(result))? = ahead.decided?.answers.first else {
                Issue.record("no answer for the retried request")
                return
            }
            #expect(result.positions == [7])
        }
    }

    @Test func anAppendToAStreamOfUnknownVersionStopsDecidingButIsStillCarried() async {
        await withPending([Sample.request("dossier-a"), Sample.request("dossier-new"), Sample.request("dossier-a")]) { items in
            let ahead = PostgresEventStore.PlannedAhead()
            ahead.add([items[0]], after: Self.inFlight, cachedVersion: { _ in nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            #expect(ahead.decided != nil)
            ahead.add([items[1]], after: Self.inFlight, cachedVersion: { _ in nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            ahead.add([items[2]], after: Self.inFlight, cachedVersion: { _ in nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            #expect(ahead.decided == nil)
            #expect(ahead.items.count == 3)
        }
    }

    @Test func givingUpDropsTheDecisionAndKeepsTheItems() async {
        await withPending([Sample.request("dossier-a")]) { items in
            let ahead = PostgresEventStore.PlannedAhead()
            ahead.add(items, after: Self.inFlight, cachedVersion: { _ in nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            ahead.giveUp()
            #expect(ahead.decided == nil)
            #expect(ahead.items.count == 1)
        }
    }

    @Test func arrivalsAfterTheDecisionWasSentAreCarriedButNotDecided() async {
        await withPending([Sample.request("dossier-a"), Sample.request("dossier-a")]) { items in
            let ahead = PostgresEventStore.PlannedAhead()
            ahead.add([items[0]], after: Self.inFlight, cachedVersion: { _ in nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            ahead.markSent(announce: false, at: 0)
            ahead.add([items[1]], after: Self.inFlight, cachedVersion: { _ in nil }, now: Timestamp(millisecondsSinceEpoch: 2_000))
            #expect(ahead.decided?.envelopes.map(\.position) == [8])
            #expect(ahead.decided?.answers.count == 1)
            #expect(ahead.items.count == 2)
        }
    }
}
