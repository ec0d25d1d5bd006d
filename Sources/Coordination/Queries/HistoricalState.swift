import EventStore
import Events
import Projections

/// The coordination state as it was at a past moment: a model fed up to that moment exactly
/// as the live projection was fed then — from position 1, or from the nearest checkpoint that
/// the log confirms (same position, same hash), which gives the same model for less work.
///
/// A time selects the longest prefix of the log recorded at or before it (`recordedAt`
/// never decreases along the log, so that is one cut).
package enum HistoricalState {
    /// A replayed model and the moment it stands for.
    package struct Snapshot: Sendable {
        package var model: CoordinationModel
        /// The time of the last event applied (or the asked time); `today` defaults to its date.
        package var moment: Timestamp
        /// Events folded to get here (after the checkpoint it started from): the work it cost.
        package var replayed: Int = 0
    }

    /// The largest page read at once; reads start at ``firstPage`` events and double, so that
    /// a replay that stops soon after a checkpoint does not read a whole page past it.
    static let largestPage = 5000
    static let firstPage = 64

    /// Replays from position 1, without checkpoints.
    package static func replay(_ store: any EventStore, until moment: Moment) async throws -> Snapshot {
        var none = CheckpointCache<CoordinationModel>(capacity: 1)
        return try await replay(store, until: moment, checkpoints: &none, keeping: false)
    }

    /// Replays from the nearest confirmed checkpoint in `checkpoints`, leaving new ones at
    /// the positions the cache asks for on the way and throwing away any the log refutes.
    package static func replay(
        _ store: any EventStore, until moment: Moment, checkpoints: inout CheckpointCache<CoordinationModel>, keeping: Bool = true
    ) async throws -> Snapshot {
        var last: Int64 = .max
        var until: Timestamp?
        switch moment {
        case .live: break
        case let .atPosition(value): last = value
        case let .asOf(value): until = value
        }
        var snapshot = Snapshot(model: CoordinationModel(), moment: until ?? Timestamp(millisecondsSinceEpoch: 0))
        guard last > 0 else { return snapshot }
        var pageSize = firstPage
        func limit(from next: Int64) -> Int {
            defer { pageSize = min(pageSize * 2, largestPage) }
            return Int(min(Int64(pageSize), last - next + 1))
        }
        var page: [EventEnvelope] = []
        while let checkpoint = checkpoints.nearest(atOrBefore: last, recordedAtOrBefore: until) {
            let read = try await store.read(from: checkpoint.position, limit: limit(from: checkpoint.position))
            if let first = read.first, first.position == checkpoint.position, first.hash == checkpoint.hash {
                snapshot.model = checkpoint.model
                if until == nil { snapshot.moment = checkpoint.recordedAt }
                page = Array(read.dropFirst())
                break
            }
            checkpoints.remove(at: checkpoint.position)
        }
        var next = snapshot.model.position + 1
        var applied: EventEnvelope?
        replaying: while true {
            try Task.checkCancellation()
            for envelope in page {
                if envelope.position > last || until.map({ envelope.recordedAt > $0 }) == true { break replaying }
                snapshot.model.apply(envelope)
                snapshot.replayed += 1
                applied = envelope
                if until == nil { snapshot.moment = envelope.recordedAt }
                if keeping, checkpoints.wants(envelope.position) {
                    checkpoints.insert(.init(model: snapshot.model, hash: envelope.hash, recordedAt: envelope.recordedAt))
                }
            }
            if let end = page.last { next = end.position + 1 }
            guard next <= last else { break }
            page = try await store.read(from: next, limit: limit(from: next))
            if page.isEmpty { break }
        }
        if keeping, let applied {
            checkpoints.remember(.init(model: snapshot.model, hash: applied.hash, recordedAt: applied.recordedAt))
        }
        return snapshot
    }
}
