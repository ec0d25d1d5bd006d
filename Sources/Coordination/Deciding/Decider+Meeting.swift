import EventStore
import Events
import Projections

extension Decider.Context {
    /// Meetings, agendas and decisions.
    func decideMeeting(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        switch command {
        case let .scheduleMeeting(meetingId, tableId, date, location):
            _ = try table(tableId)
            try authorize(command)
            try checkVersion()
            if model.meetings[meetingId] != nil { throw .rule(Rule.alreadyExists, "meeting \(meetingId) already exists") }
            let scheduled = MeetingScheduled(meetingId: meetingId, tableId: tableId, date: date, location: location)
            // Items left over from closed meetings with no next meeting then arrive now.
            // The rest of a carry-over larger than one append follows in parts (``Decider/carryOver(into:on:)``).
            let pending = Decider.placeable(model.pendingCarryOver(tableId: tableId, until: date), on: model)
            for dossierId in pending.dossiers { reads.note("dossier-\(dossierId)") }
            let carried = Decider.carryOver(pending.items, to: meetingId, existing: [], limit: Decider.maximumEvents - 1)
            return [scheduled] + carried

        case let .takeDecision(decisionId, meetingId, text, ownerDepartment, dossierId, due):
            let meeting = try meeting(meetingId)
            try department(ownerDepartment)
            let dossier: DossierRecord? = try dossierId.map { id throws(DomainError) in try self.dossier(id) }
            let table = try table(meeting.tableId)
            try authorize(command)
            try checkVersion()
            if model.decisions[decisionId] != nil { throw .rule(Rule.alreadyExists, "decision \(decisionId) already exists") }
            if let dossier, dossier.tableId != table.tableId {
                throw .rule(Rule.decisionOfOtherTable, "dossier \(dossier.dossierId) belongs to table \(dossier.tableId)")
            }
            if !table.members.contains(ownerDepartment) {
                throw .rule(Rule.ownerNotMember, "\(ownerDepartment) does not sit at table \(table.tableId)")
            }
            return [
                DecisionTaken(
                    decisionId: decisionId, meetingId: meetingId, text: seals.seal(text), ownerDepartment: ownerDepartment,
                    dossierId: dossierId, due: due)
            ]

        case let .completeDecision(decisionId, note):
            guard let decision = model.decisions[decisionId] else { throw .notFound("no decision \(decisionId)") }
            _ = try meeting(decision.meetingId)
            try authorize(command)
            try checkVersion()
            if decision.completed { throw .rule(Rule.decisionCompleted, "decision \(decisionId) is already completed") }
            return [DecisionCompleted(decisionId: decisionId, note: seals.seal(note))]

        default:
            return try decideAgenda(command)
        }
    }

    func decideAgenda(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        let meetingId: String
        switch command {
        case let .addAgendaItem(id, _, _, _, _), let .removeAgendaItem(id, _), let .moveAgendaItem(id, _, _),
            let .recordDiscussion(id, _, _), let .closeMeeting(id):
            meetingId = id
        default:
            return try decideMeetingOutput(command)
        }
        let meeting = try meeting(meetingId)
        _ = try table(meeting.tableId)
        func item(_ itemId: String) throws(DomainError) -> AgendaItemRecord {
            guard let item = meeting.items.first(where: { $0.itemId == itemId }) else {
                throw .notFound("no item \(itemId) on meeting \(meetingId)")
            }
            return item
        }
        func open() throws(DomainError) {
            try Decider.Context.notCancelled(meeting)
            if meeting.closed { throw .rule(Rule.meetingClosed, "meeting \(meetingId) is closed") }
        }

        switch command {
        case let .addAgendaItem(_, itemId, dossierId, topic, late):
            let dossier: DossierRecord? = try dossierId.map { id throws(DomainError) in try self.dossier(id) }
            try authorize(command)
            try checkVersion()
            try open()
            if meeting.finalised, !late {
                throw .rule(Rule.agendaFinal, "the agenda of meeting \(meetingId) is final; add the item with late: true")
            }
            if meeting.items.contains(where: { $0.itemId == itemId }) {
                throw .rule(Rule.alreadyExists, "item \(itemId) is already on meeting \(meetingId)")
            }
            if let dossier {
                if dossier.tableId != meeting.tableId {
                    throw .rule(Rule.dossierOfOtherTable, "dossier \(dossier.dossierId) belongs to table \(dossier.tableId)")
                }
                if dossier.closed { throw .rule(Rule.dossierClosed, "dossier \(dossier.dossierId) is closed; reopen it first") }
                if meeting.items.contains(where: { $0.dossierId == dossier.dossierId }) {
                    throw .rule(Rule.dossierOncePerAgenda, "dossier \(dossier.dossierId) is already on this agenda")
                }
            }
            // An item is late only after the agenda was finalised; before, `late` changes nothing.
            return [AgendaItemAdded(meetingId: meetingId, itemId: itemId, dossierId: dossierId, topic: topic, late: meeting.finalised ? true : nil)]

        case let .removeAgendaItem(_, itemId):
            _ = try item(itemId)
            try authorize(command)
            try checkVersion()
            try open()
            return [AgendaItemRemoved(meetingId: meetingId, itemId: itemId)]

        case let .moveAgendaItem(_, itemId, position):
            _ = try item(itemId)
            try authorize(command)
            try checkVersion()
            try open()
            if position > meeting.items.count {
                throw .rule(Rule.positionBeyondItems, "position \(position) is past the \(meeting.items.count) items")
            }
            // Already there: nothing to append (see ``Decider``).
            if meeting.items.firstIndex(where: { $0.itemId == itemId }) == position - 1 { return [] }
            return [AgendaItemMoved(meetingId: meetingId, itemId: itemId, position: position)]

        case let .recordDiscussion(_, itemId, notes):
            _ = try item(itemId)
            try authorize(command)
            try checkVersion()
            try Decider.Context.notCancelled(meeting)
            if meeting.minutesApproved {
                throw .rule(Rule.minutesApproved, "the minutes of meeting \(meetingId) are approved; use meeting.amendNotes with a reason")
            }
            try open()
            return [DiscussionRecorded(meetingId: meetingId, itemId: itemId, notes: seals.seal(notes))]

        case .closeMeeting:
            try authorize(command)
            try checkVersion()
            try open()
            return [MeetingClosed(meetingId: meetingId)]

        default:
            preconditionFailure("not an agenda command")
        }
    }
}

extension Decider {
    /// Most events one decision may append: the store's limit for one append. A carry-over
    /// larger than that goes in parts (``carryOver(into:on:)``), never as one append the
    /// store refuses after the meeting was already closed.
    package static let maximumEvents = AppendRequest.maximumEventCount

    /// The carry-over of undiscussed items into meeting `target`: at the top, after the
    /// `placed` items an earlier part of the same carry-over put there, in their old
    /// relative order, each marked with the meeting it came from. A dossier already on the
    /// target's agenda is not placed twice, and an item id already taken there gets a new one.
    /// At most `limit` items are placed; the rest stay pending for the next part.
    static func carryOver(
        _ items: [(MeetingRecord, AgendaItemRecord)], to target: String, existing: [AgendaItemRecord], placed: Int = 0,
        limit: Int = maximumEvents
    ) -> [any DomainEvent] {
        var events: [any DomainEvent] = []
        var taken = Set(existing.map(\.itemId))
        var dossiers = Set(existing.compactMap(\.dossierId))
        var position = placed
        for (meeting, item) in items where events.count < limit {
            if let dossierId = item.dossierId, dossiers.contains(dossierId) { continue }
            let itemId = uniqueItemId(item.itemId, from: meeting.meetingId, taken: taken)
            taken.insert(itemId)
            if let dossierId = item.dossierId { dossiers.insert(dossierId) }
            position += 1
            events.append(
                AgendaItemCarriedOver(
                    meetingId: target, itemId: itemId, fromMeetingId: meeting.meetingId, fromItemId: item.itemId,
                    dossierId: item.dossierId, topic: item.topic, position: position))
        }
        return events
    }

    /// `itemId` when it is free on the target agenda, else `itemId.meetingId` cut to the 64
    /// characters of an id, with `.2`, `.3`, … until it is free.
    static func uniqueItemId(_ itemId: String, from meetingId: String, taken: Set<String>) -> String {
        if !taken.contains(itemId) { return itemId }
        let base = "\(itemId).\(meetingId)"
        var candidate = base.prefixed(64)
        var counter = 1
        while taken.contains(candidate) {
            counter += 1
            let suffix = ".\(counter)"
            candidate = base.prefixed(64 - suffix.count) + suffix
        }
        return candidate
    }

    /// The follow-up of a closed or cancelled meeting: its undiscussed items onto the table's
    /// next meeting that is neither closed nor cancelled, or `nil` when there is none yet
    /// (they carry over when one is scheduled).
    package static func carryOverAfterClosing(_ meetingId: String, on model: CoordinationModel) -> Decided? {
        guard let closed = model.meetings[meetingId], !closed.isOpen, let next = model.nextMeeting(after: closed) else { return nil }
        return carryOver(into: next.meetingId, on: model)
    }

    /// The next part of the carry-over into meeting `meetingId`: undiscussed items of the
    /// table's closed and cancelled meetings dated on or before it, at most ``maximumEvents``
    /// of them; `nil` when nothing is left to place or the meeting is closed or cancelled.
    package static func carryOver(into meetingId: String, on model: CoordinationModel) -> Decided? {
        guard let target = model.meetings[meetingId], target.isOpen else { return nil }
        let placeable = placeable(model.pendingCarryOver(tableId: target.tableId, until: target.date), on: model)
        let pending = placeable.items
        guard !pending.isEmpty else { return nil }
        let sources = Set(pending.map(\.0.meetingId))
        let placed = target.items.count(where: { $0.carriedOverFrom.map(sources.contains) ?? false })
        let events = carryOver(pending, to: target.meetingId, existing: target.items, placed: placed)
        guard !events.isEmpty else { return nil }
        let stream = "meeting-\(target.meetingId)"
        var conditions: [String: Int64] = [:]
        for dossierId in placeable.dossiers { conditions["dossier-\(dossierId)"] = model.version(of: "dossier-\(dossierId)") }
        return Decided(stream: stream, expectedVersion: model.version(of: stream), events: events, conditions: conditions)
    }

    /// The pending items a carry-over may place: a closed dossier takes no agenda placement,
    /// so its item stays behind (placed by a later carry-over only if the dossier is reopened
    /// by then). Also returns every dossier whose state decided that, for the append's conditions.
    static func placeable(
        _ pending: [(MeetingRecord, AgendaItemRecord)], on model: CoordinationModel
    ) -> (items: [(MeetingRecord, AgendaItemRecord)], dossiers: Set<String>) {
        var dossiers: Set<String> = []
        let items = pending.filter { _, item in
            guard let dossierId = item.dossierId else { return true }
            dossiers.insert(dossierId)
            return model.dossiers[dossierId]?.closed != true
        }
        return (items, dossiers)
    }
}

extension String {
    func prefixed(_ count: Int) -> String { String(prefix(count)) }
}
