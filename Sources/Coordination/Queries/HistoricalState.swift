import EventStore
import Events
import Projections

/// The coordination state as it was at a past moment: a fresh model fed from position 1 up
/// to that moment, exactly as the live projection was fed then.
///
/// A time selects the longest prefix of the log recorded at or before it (`recordedAt`
/// never decreases along the log, so that is one cut).
public enum HistoricalState {
    /// A replayed model and the moment it stands for.
    public struct Snapshot: Sendable {
        public var model: CoordinationModel
        /// The time of the last event applied (or the asked time); `today` defaults to its date.
        public var moment: Timestamp
    }

    public static func replay(_ store: any EventStore, until moment: Moment) async throws -> Snapshot {
        var model = CoordinationModel()
        var time = Timestamp(millisecondsSinceEpoch: 0)
        var position: Int64 = .max
        var until: Timestamp?
        switch moment {
        case .live: break
        case let .atPosition(value): position = value
        case let .asOf(value):
            until = value
            time = value
        }
        guard position > 0 else { return Snapshot(model: model, moment: time) }
        var done = false
        try await store.readAllUntil(stop: { done }) { page in
            for envelope in page {
                if envelope.position > position || until.map({ envelope.recordedAt > $0 }) == true {
                    done = true
                    return
                }
                model.apply(envelope)
                if until == nil { time = envelope.recordedAt }
            }
        }
        return Snapshot(model: model, moment: time)
    }
}

extension EventStore {
    /// Pages through the log until `stop` says so or the log ends.
    func readAllUntil(stop: () -> Bool, pageSize: Int = 5000, _ body: ([EventEnvelope]) throws -> Void) async throws {
        var next: Int64 = 1
        while !stop() {
            let page = try await read(from: next, limit: pageSize)
            guard let last = page.last else { return }
            try body(page)
            next = last.position + 1
        }
    }
}
