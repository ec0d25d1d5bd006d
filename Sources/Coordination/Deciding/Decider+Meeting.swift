import Events
import Projections

extension Decider.Context {
    /// Meetings, agendas and decisions.
    func decideMeeting(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        switch command {
        case let .scheduleMeeting(meetingId, tableId, date, location):
            let table = try table(tableId)
            try Authorization.regisseur(principal, of: table.stadsdeel, "schedule meetings")
            try checkVersion()
            if model.meetings[meetingId] != nil { throw .rule(Rule.alreadyExists, "meeting \(meetingId) already exists") }
            let scheduled = MeetingScheduled(meetingId: meetingId, tableId: tableId, date: date, location: location)
            // Items left over from closed meetings with no next meeting then arrive now.
            return [scheduled] + Decider.carryOver(model.pendingCarryOver(tableId: tableId, until: date), to: meetingId, existing: [])

        case let .takeDecision(decisionId, meetingId, text, ownerDepartment, dossierId, due):
            let meeting = try meeting(meetingId)
            try department(ownerDepartment)
            if let dossierId { _ = try dossier(dossierId) }
            let table = try table(meeting.tableId)
            try Authorization.regisseur(principal, of: table.stadsdeel, "record decisions")
            try checkVersion()
            if model.decisions[decisionId] != nil { throw .rule(Rule.alreadyExists, "decision \(decisionId) already exists") }
            return [
                DecisionTaken(
                    decisionId: decisionId, meetingId: meetingId, text: text, ownerDepartment: ownerDepartment,
                    dossierId: dossierId, due: due)
            ]

        case let .completeDecision(decisionId, note):
            guard let decision = model.decisions[decisionId] else { throw .notFound("no decision \(decisionId)") }
            let table = try table(try meeting(decision.meetingId).tableId)
            if principal.role == .department || principal.role == .partner {
                guard principal.departments.contains(decision.ownerDepartment) else {
                    throw .forbidden("only \(decision.ownerDepartment) or the regisseur may complete this decision")
                }
            } else {
                try Authorization.regisseur(principal, of: table.stadsdeel, "complete decisions")
            }
            try checkVersion()
            if decision.completed { throw .rule(Rule.decisionCompleted, "decision \(decisionId) is already completed") }
            return [DecisionCompleted(decisionId: decisionId, note: note)]

        default:
            return try decideAgenda(command)
        }
    }

    func decideAgenda(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        let meetingId: String
        switch command {
        case let .addAgendaItem(id, _, _, _), let .removeAgendaItem(id, _), let .moveAgendaItem(id, _, _),
            let .recordDiscussion(id, _, _), let .closeMeeting(id):
            meetingId = id
        default: preconditionFailure("not an agenda command")
        }
        let meeting = try meeting(meetingId)
        let table = try table(meeting.tableId)
        func item(_ itemId: String) throws(DomainError) -> AgendaItemRecord {
            guard let item = meeting.items.first(where: { $0.itemId == itemId }) else {
                throw .notFound("no item \(itemId) on meeting \(meetingId)")
            }
            return item
        }
        func open() throws(DomainError) {
            if meeting.closed { throw .rule(Rule.meetingClosed, "meeting \(meetingId) is closed") }
        }

        switch command {
        case let .addAgendaItem(_, itemId, dossierId, topic):
            let dossier: DossierRecord? = try dossierId.map { id throws(DomainError) in try self.dossier(id) }
            try Authorization.regisseur(principal, of: table.stadsdeel, "change agendas")
            try checkVersion()
            try open()
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
            return [AgendaItemAdded(meetingId: meetingId, itemId: itemId, dossierId: dossierId, topic: topic)]

        case let .removeAgendaItem(_, itemId):
            _ = try item(itemId)
            try Authorization.regisseur(principal, of: table.stadsdeel, "change agendas")
            try checkVersion()
            try open()
            return [AgendaItemRemoved(meetingId: meetingId, itemId: itemId)]

        case let .moveAgendaItem(_, itemId, position):
            _ = try item(itemId)
            try Authorization.regisseur(principal, of: table.stadsdeel, "change agendas")
            try checkVersion()
            try open()
            if position > meeting.items.count {
                throw .rule(Rule.positionBeyondItems, "position \(position) is past the \(meeting.items.count) items")
            }
            return [AgendaItemMoved(meetingId: meetingId, itemId: itemId, position: position)]

        case let .recordDiscussion(_, itemId, notes):
            _ = try item(itemId)
            try Authorization.regisseur(principal, of: table.stadsdeel, "record discussions")
            try checkVersion()
            try open()
            return [DiscussionRecorded(meetingId: meetingId, itemId: itemId, notes: notes)]

        case .closeMeeting:
            try Authorization.regisseur(principal, of: table.stadsdeel, "close meetings")
            try checkVersion()
            try open()
            return [MeetingClosed(meetingId: meetingId)]

        default:
            preconditionFailure("not an agenda command")
        }
    }
}

extension Decider {
    /// The carry-over of undiscussed items into meeting `target`: at the top, in their old
    /// relative order, each marked with the meeting it came from. A dossier already on the
    /// target's agenda is not placed twice.
    static func carryOver(
        _ items: [(MeetingRecord, AgendaItemRecord)], to target: String, existing: [AgendaItemRecord]
    ) -> [any DomainEvent] {
        var events: [any DomainEvent] = []
        var taken = Set(existing.map(\.itemId))
        var dossiers = Set(existing.compactMap(\.dossierId))
        var position = 0
        for (meeting, item) in items {
            if let dossierId = item.dossierId, dossiers.contains(dossierId) { continue }
            var itemId = item.itemId
            if taken.contains(itemId) { itemId = "\(item.itemId).\(meeting.meetingId)".prefixed(64) }
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

    /// The follow-up of a closed meeting: its undiscussed items onto the table's next
    /// scheduled meeting, or `nil` when there is none yet (they carry over when it is scheduled).
    public static func carryOverAfterClosing(_ meetingId: String, on model: CoordinationModel) -> Decided? {
        guard let closed = model.meetings[meetingId], closed.closed, let next = model.nextMeeting(after: closed) else { return nil }
        let pending = model.pendingCarryOver(tableId: closed.tableId, until: closed.date)
        let events = carryOver(pending, to: next.meetingId, existing: next.items)
        guard !events.isEmpty else { return nil }
        let stream = "meeting-\(next.meetingId)"
        return Decided(stream: stream, expectedVersion: model.version(of: stream), events: events)
    }
}

extension String {
    func prefixed(_ count: Int) -> String { String(prefix(count)) }
}
