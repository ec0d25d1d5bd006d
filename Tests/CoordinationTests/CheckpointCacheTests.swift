import Events
import Projections
import Testing

/// The checkpoint cache's bookkeeping, without a store: memory stays bounded however long
/// the log, checkpoints stay spread over it, and the nearest one respects position and time.
@Suite struct CheckpointCacheTests {
    struct Counter: Projection {
        var position: Int64 = 0
        mutating func apply(_ envelope: EventEnvelope) { position = envelope.position }
    }

    static func checkpoint(_ position: Int64) -> CheckpointCache<Counter>.Checkpoint {
        .init(model: Counter(position: position), hash: "h\(position)", recordedAt: Timestamp(millisecondsSinceEpoch: position * 10))
    }

    @Test func aLongLogKeepsAtMostCapacityCheckpointsSpreadOverIt() {
        var cache = CheckpointCache<Counter>(spacing: 100, capacity: 8)
        for position in Int64(1)...100_000 where cache.wants(position) { cache.insert(Self.checkpoint(position)) }
        #expect(cache.checkpoints.count <= 8)
        #expect(cache.checkpoints.count >= 4)
        #expect(cache.checkpoints.allSatisfy { $0.position % cache.spacing == 0 })
        #expect(cache.spacing * Int64(cache.checkpoints.count + 1) >= 100_000)
    }

    @Test func theNearestCheckpointIsAtOrBeforeThePositionAndTheTime() {
        var cache = CheckpointCache<Counter>(spacing: 100, capacity: 8)
        for position in [100, 200, 300] as [Int64] { cache.insert(Self.checkpoint(position)) }
        cache.remember(Self.checkpoint(250))
        #expect(cache.nearest(atOrBefore: 299)?.position == 250)
        #expect(cache.nearest(atOrBefore: 300)?.position == 300)
        #expect(cache.nearest(atOrBefore: 99) == nil)
        #expect(cache.nearest(atOrBefore: .max, recordedAtOrBefore: Timestamp(millisecondsSinceEpoch: 2_499))?.position == 200)
        cache.remove(at: 250)
        #expect(cache.nearest(atOrBefore: 299)?.position == 200)
    }

    @Test func onlyTheLastFewReplayEndsAreKept() {
        var cache = CheckpointCache<Counter>(spacing: 1000, capacity: 8, recentCapacity: 2)
        for position in [11, 12, 13] as [Int64] { cache.remember(Self.checkpoint(position)) }
        #expect(cache.recent.map(\.position) == [12, 13])
    }
}
