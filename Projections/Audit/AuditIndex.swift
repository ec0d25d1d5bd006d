import Events

/// Which log positions concern which stream, dossier or actor: what `audit.trail` pages
/// through, in log order, without scanning the log.
///
/// A dossier's trail holds its own stream and every event elsewhere that names it: the
/// agenda events of its items (added, moved, removed, discussed, carried over) and the
/// decisions taken on it, with all that happened to them after (completion, new due date or
/// owner, withdrawal, progress reports). The envelopes themselves stay in the
/// store; this index only knows positions (and each position's time, for windows).
package struct AuditIndex: Projection, Equatable {
    package private(set) var position: Int64 = 0
    package private(set) var byStream: [String: [Int64]] = [:]
    package private(set) var byDossier: [String: [Int64]] = [:]
    package private(set) var byActor: [String: [Int64]] = [:]
    /// `recordedAt` in milliseconds of position `index + 1`.
    package private(set) var recordedAt: [Int64] = []
    /// The dossier of each dossier agenda item, by `meetingId/itemId`.
    var itemDossiers: [String: String] = [:]
    /// The dossier each decision names.
    var decisionDossiers: [String: String] = [:]

    package init() {}

    package mutating func apply(_ envelope: EventEnvelope) {
        position = envelope.position
        recordedAt.append(envelope.recordedAt.millisecondsSinceEpoch)
        byStream[envelope.stream, default: Self.newTrail()].append(envelope.position)
        byActor[envelope.actor.principalId, default: Self.newTrail()].append(envelope.position)
        if let dossierId = dossier(of: envelope) {
            byDossier[dossierId, default: Self.newTrail()].append(envelope.position)
        }
    }

    /// The dossier id of a `dossier-<id>` stream, read from the bytes (this runs per event).
    static func dossierId(ofStream stream: String) -> String? {
        var stream = stream
        return stream.withUTF8 { bytes -> String? in
            let prefix: StaticString = "dossier-"
            guard bytes.count > prefix.utf8CodeUnitCount else { return nil }
            for offset in 0..<prefix.utf8CodeUnitCount where bytes[offset] != prefix.utf8Start[offset] { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[prefix.utf8CodeUnitCount...]), as: UTF8.self)
        }
    }

    /// An empty list of positions with room for a typical dossier's events, so that tens of
    /// thousands of trails do not each grow through four reallocations during a replay.
    static func newTrail() -> [Int64] {
        var positions: [Int64] = []
        positions.reserveCapacity(16)
        return positions
    }

    /// The dossier an event already indexed concerns (its agenda item's or decision's when
    /// the body does not name it), without learning anything: for answers that show it.
    package func indexedDossier(of envelope: EventEnvelope) -> String? {
        if let dossierId = Self.dossierId(ofStream: envelope.stream) { return dossierId }
        if case let .string(dossierId)? = envelope.data["dossierId"] { return dossierId }
        guard case let .string(meetingOrDecision)? = envelope.data["meetingId"] ?? envelope.data["decisionId"] else { return nil }
        if case let .string(itemId)? = envelope.data["itemId"] { return itemDossiers["\(meetingOrDecision)/\(itemId)"] }
        return decisionDossiers[meetingOrDecision]
    }

    /// The dossier an event concerns, learning agenda items and decisions on the way.
    mutating func dossier(of envelope: EventEnvelope) -> String? {
        if let dossierId = Self.dossierId(ofStream: envelope.stream) { return dossierId }
        guard case let .string(meetingOrDecision)? = envelope.data["meetingId"] ?? envelope.data["decisionId"] else { return nil }
        switch envelope.type {
        case AgendaItemAdded.eventType, AgendaItemCarriedOver.eventType:
            guard case let .string(dossierId)? = envelope.data["dossierId"], case let .string(itemId)? = envelope.data["itemId"]
            else { return nil }
            itemDossiers["\(meetingOrDecision)/\(itemId)"] = dossierId
            return dossierId
        case AgendaItemMoved.eventType, AgendaItemRemoved.eventType, DiscussionRecorded.eventType, NotesAmended.eventType:
            guard case let .string(itemId)? = envelope.data["itemId"] else { return nil }
            return itemDossiers["\(meetingOrDecision)/\(itemId)"]
        case DecisionTaken.eventType:
            guard case let .string(decisionId)? = envelope.data["decisionId"], case let .string(dossierId)? = envelope.data["dossierId"]
            else { return nil }
            decisionDossiers[decisionId] = dossierId
            return dossierId
        case DecisionCompleted.eventType, DecisionRescheduled.eventType, DecisionReassigned.eventType, DecisionWithdrawn.eventType,
            DecisionProgressReported.eventType:
            return decisionDossiers[meetingOrDecision]
        default:
            return nil
        }
    }

    /// The positions of one selection, restricted to a time window and to positions at or
    /// after `start`, at most `limit` of them, plus where the next page starts.
    package func page(
        _ positions: [Int64], from: Timestamp?, until: Timestamp?, startingAt start: Int64, limit: Int
    ) -> (positions: [Int64], next: Int64?) {
        var first = positions.partitioningIndex { $0 >= start }
        if let from {
            first = max(first, positions.partitioningIndex { recordedAt[Int($0 - 1)] >= from.millisecondsSinceEpoch })
        }
        var chosen: [Int64] = []
        var index = first
        while index < positions.count {
            let candidate = positions[index]
            if let until, recordedAt[Int(candidate - 1)] > until.millisecondsSinceEpoch { return (chosen, nil) }
            if chosen.count == limit { return (chosen, candidate) }
            chosen.append(candidate)
            index += 1
        }
        return (chosen, nil)
    }
}

extension Array where Element == Int64 {
    /// The first index whose element satisfies `predicate`, for a predicate that is false
    /// then true along the (sorted) array.
    func partitioningIndex(where predicate: (Int64) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
