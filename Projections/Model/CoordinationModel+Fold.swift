import Events

extension CoordinationModel {
    mutating func fold(_ envelope: EventEnvelope, _ kind: FoldKind?) throws {
        let data = envelope.data
        let at = envelope.recordedAt
        let by = envelope.actor.principalId
        switch kind {
        case .areaDefined?:
            let e = try AreaDefined(data: data)
            areas[e.code] = AreaRecord(code: e.code, name: e.name, kind: e.kind, parent: e.parent)
        case .departmentRegistered?:
            let e = try DepartmentRegistered(data: data)
            departments[e.departmentId] = DepartmentRecord(departmentId: e.departmentId, name: e.name, external: e.external)
        case .principalRegistered?:
            let e = try PrincipalRegistered(data: data)
            if let old = principals[e.principalId] { tokens[old.tokenHash] = nil }
            principals[e.principalId] = PrincipalRecord(
                principalId: e.principalId, name: e.name, role: e.role, stadsdelen: e.stadsdelen,
                departments: e.departments, tokenHash: e.tokenHash, revoked: false)
            tokens[e.tokenHash] = e.principalId
        case .principalRevoked?:
            let e = try PrincipalRevoked(data: data)
            if let old = principals[e.principalId] { tokens[old.tokenHash] = nil }
            principals[e.principalId]?.revoked = true
        case .tableEstablished?:
            let e = try TableEstablished(data: data)
            tables[e.tableId] = TableRecord(tableId: e.tableId, name: e.name, stadsdeel: e.stadsdeel, members: e.members)
        case .tableMemberAdded?:
            let e = try TableMemberAdded(data: data)
            if tables[e.tableId]?.members.contains(e.departmentId) == false { tables[e.tableId]?.members.append(e.departmentId) }
        case .tableMemberRemoved?:
            let e = try TableMemberRemoved(data: data)
            tables[e.tableId]?.members.removeAll { $0 == e.departmentId }
        case .personalDataErased?:
            // Indexed by indexTexts; read here so a malformed body counts as unreadable.
            _ = try PersonalDataErased(data: data)
        default:
            try foldDossier(envelope, kind, data: data, at: at, by: by)
        }
    }

    mutating func foldDossier(_ envelope: EventEnvelope, _ kind: FoldKind?, data: JSONValue, at: Timestamp, by: String) throws {
        switch kind {
        case .dossierRaised?:
            let e = try DossierRaised(data: data)
            if dossiers[e.dossierId] == nil { raisedDossiers.append(e.dossierId) }
            dossiers[e.dossierId] = DossierRecord(
                dossierId: e.dossierId, tableId: e.tableId, title: e.title, summary: e.summary?.anchored(eventId: envelope.eventId, field: "summary"), area: e.area,
                deadline: e.deadline, departments: [], escalations: [], closed: false, resolution: nil, raisedAt: at,
                closedAt: nil)
        case .departmentAssigned?:
            let e = try DepartmentAssigned(data: data)
            // Mutated in place through the dictionary's index: a copy taken out and written
            // back would copy the record's arrays on every event.
            guard let slot = dossiers.index(forKey: e.dossierId) else { return }
            if let index = dossiers.values[slot].departments.firstIndex(where: { $0.departmentId == e.departmentId }) {
                dossiers.values[slot].departments[index].role = e.role
            } else {
                dossiers.values[slot].departments.append(
                    DepartmentStatusRecord(departmentId: e.departmentId, role: e.role, status: "open", note: nil, updatedAt: at, updatedBy: by))
            }
        case .departmentUnassigned?:
            let e = try DepartmentUnassigned(data: data)
            dossiers[e.dossierId]?.departments.removeAll { $0.departmentId == e.departmentId }
        case .departmentStatusUpdated?:
            let e = try DepartmentStatusUpdated(data: data)
            guard let slot = dossiers.index(forKey: e.dossierId),
                let index = dossiers.values[slot].departments.firstIndex(where: { $0.departmentId == e.departmentId })
            else { return }
            dossiers.values[slot].departments[index].record(status: e.status, note: e.note?.anchored(eventId: envelope.eventId, field: "note"), at: at, by: by)
        case .deadlineSet?:
            let e = try DeadlineSet(data: data)
            dossiers[e.dossierId]?.deadline = e.deadline
        case .dossierEscalated?:
            let e = try DossierEscalated(data: data)
            dossiers[e.dossierId]?.escalations.append(EscalationRecord(to: e.to, reason: e.reason.anchored(eventId: envelope.eventId, field: "reason"), raisedAt: at, resolved: false, outcome: nil))
        case .escalationResolved?:
            let e = try EscalationResolved(data: data)
            if let index = dossiers[e.dossierId]?.escalations.lastIndex(where: { !$0.resolved }) {
                dossiers[e.dossierId]?.escalations[index].resolved = true
                dossiers[e.dossierId]?.escalations[index].outcome = e.outcome.anchored(eventId: envelope.eventId, field: "outcome")
            }
        case .dossierClosed?:
            let e = try DossierClosed(data: data)
            dossiers[e.dossierId]?.closed = true
            dossiers[e.dossierId]?.resolution = e.resolution.anchored(eventId: envelope.eventId, field: "resolution")
            dossiers[e.dossierId]?.closedAt = at
        case .dossierReopened?:
            let e = try DossierReopened(data: data)
            dossiers[e.dossierId]?.closed = false
            dossiers[e.dossierId]?.closedAt = nil
        case .dossierConfidentialitySet?:
            let e = try DossierConfidentialitySet(data: data)
            dossiers[e.dossierId]?.confidential = e.confidential
        default:
            try foldMeeting(envelope, kind, data: data)
        }
    }

    mutating func foldMeeting(_ envelope: EventEnvelope, _ kind: FoldKind?, data: JSONValue) throws {
        switch kind {
        case .meetingScheduled?:
            let e = try MeetingScheduled(data: data)
            meetings[e.meetingId] = MeetingRecord(
                meetingId: e.meetingId, tableId: e.tableId, date: e.date, location: e.location, items: [], closed: false)
        case .agendaItemAdded?:
            let e = try AgendaItemAdded(data: data)
            meetings[e.meetingId]?.items.append(
                AgendaItemRecord(
                    itemId: e.itemId, dossierId: e.dossierId, topic: e.topic, discussed: false, notes: nil, carriedOverFrom: nil,
                    late: e.late ?? false))
        case .agendaItemRemoved?:
            let e = try AgendaItemRemoved(data: data)
            meetings[e.meetingId]?.items.removeAll { $0.itemId == e.itemId }
        case .agendaItemMoved?:
            let e = try AgendaItemMoved(data: data)
            guard let slot = meetings.index(forKey: e.meetingId),
                let from = meetings.values[slot].items.firstIndex(where: { $0.itemId == e.itemId })
            else { return }
            let item = meetings.values[slot].items.remove(at: from)
            meetings.values[slot].items.insert(item, at: Self.index(ofPlace: e.position, count: meetings.values[slot].items.count))
        case .discussionRecorded?:
            let e = try DiscussionRecorded(data: data)
            if let index = meetings[e.meetingId]?.items.firstIndex(where: { $0.itemId == e.itemId }) {
                meetings[e.meetingId]?.items[index].discussed = true
                meetings[e.meetingId]?.items[index].notes = e.notes?.anchored(eventId: envelope.eventId, field: "notes")
            }
        case .meetingClosed?:
            let e = try MeetingClosed(data: data)
            meetings[e.meetingId]?.closed = true
        case .agendaItemCarriedOver?:
            let e = try AgendaItemCarriedOver(data: data)
            carriedItems.insert(ItemKey(meetingId: e.fromMeetingId, itemId: e.fromItemId))
            if let from = meetings.index(forKey: e.fromMeetingId),
                let index = meetings.values[from].items.firstIndex(where: { $0.itemId == e.fromItemId })
            {
                meetings.values[from].items[index].carriedOverTo = e.meetingId
            }
            guard let slot = meetings.index(forKey: e.meetingId) else { return }
            let item = AgendaItemRecord(
                itemId: e.itemId, dossierId: e.dossierId, topic: e.topic, discussed: false, notes: nil, carriedOverFrom: e.fromMeetingId)
            meetings.values[slot].items.insert(item, at: Self.index(ofPlace: e.position, count: meetings.values[slot].items.count))
        case .decisionTaken?:
            let e = try DecisionTaken(data: data)
            decisions[e.decisionId] = DecisionRecord(
                decisionId: e.decisionId, meetingId: e.meetingId, dossierId: e.dossierId, text: e.text.anchored(eventId: envelope.eventId, field: "text"),
                ownerDepartment: e.ownerDepartment, due: e.due, completed: false, note: nil)
        case .decisionCompleted?:
            let e = try DecisionCompleted(data: data)
            decisions[e.decisionId]?.completed = true
            decisions[e.decisionId]?.note = e.note?.anchored(eventId: envelope.eventId, field: "note")
        default:
            try foldMeetingOutput(envelope, kind, data: data)
        }
    }

    /// What the table's output adds to a meeting: attendance, rescheduling, cancelling,
    /// the final agenda, approved minutes and amended notes.
    mutating func foldMeetingOutput(_ envelope: EventEnvelope, _ kind: FoldKind?, data: JSONValue) throws {
        switch kind {
        case .meetingAttendanceRecorded?:
            let e = try MeetingAttendanceRecorded(data: data)
            guard let slot = meetings.index(forKey: e.meetingId) else { return }
            let record = AttendanceRecord(
                departmentId: e.departmentId, presence: e.presence, delegate: e.delegate?.anchored(eventId: envelope.eventId, field: "delegate"))
            if let index = meetings.values[slot].attendance.firstIndex(where: { $0.departmentId == e.departmentId }) {
                meetings.values[slot].attendance[index] = record
            } else {
                meetings.values[slot].attendance.append(record)
            }
        case .meetingRescheduled?:
            let e = try MeetingRescheduled(data: data)
            guard let slot = meetings.index(forKey: e.meetingId) else { return }
            meetings.values[slot].reschedules.append(
                RescheduleRecord(
                    from: meetings.values[slot].date, to: e.date, reason: e.reason.anchored(eventId: envelope.eventId, field: "reason"),
                    at: envelope.recordedAt))
            meetings.values[slot].date = e.date
            if let location = e.location { meetings.values[slot].location = location }
        case .meetingCancelled?:
            let e = try MeetingCancelled(data: data)
            meetings[e.meetingId]?.cancelled = true
            meetings[e.meetingId]?.cancelReason = e.reason.anchored(eventId: envelope.eventId, field: "reason")
        case .agendaFinalised?:
            let e = try AgendaFinalised(data: data)
            meetings[e.meetingId]?.finalised = true
        case .minutesApproved?:
            let e = try MinutesApproved(data: data)
            meetings[e.meetingId]?.minutesApproved = true
        case .notesAmended?:
            let e = try NotesAmended(data: data)
            guard let slot = meetings.index(forKey: e.meetingId),
                let index = meetings.values[slot].items.firstIndex(where: { $0.itemId == e.itemId })
            else { return }
            meetings.values[slot].items[index].notes = e.notes.anchored(eventId: envelope.eventId, field: "notes")
            meetings.values[slot].items[index].amendments.append(
                NotesAmendmentRecord(
                    reason: e.reason.anchored(eventId: envelope.eventId, field: "reason"), at: envelope.recordedAt,
                    by: envelope.actor.principalId))
        default:
            throw UnknownSchemaVersion(type: envelope.type, schemaVersion: envelope.schemaVersion)
        }
    }
}

extension CoordinationModel {
    /// The array index of 1-based place `place` among `count` items, clamped to the ends.
    /// Written so that no value a log holds can overflow (`Int.min - 1` would trap the fold,
    /// and with it every start of the server).
    static func index(ofPlace place: Int, count: Int) -> Int {
        place <= 1 ? 0 : min(place - 1, count)
    }
}

/// The event kinds the model folds, found by one dictionary lookup of the envelope's type
/// rather than by comparing the type with each case in turn (a profile of a replay showed
/// those string comparisons).
enum FoldKind {
    case areaDefined, departmentRegistered, principalRegistered, principalRevoked, tableEstablished
    case tableMemberAdded, tableMemberRemoved, dossierRaised, departmentAssigned, departmentUnassigned
    case departmentStatusUpdated, deadlineSet, dossierEscalated, escalationResolved, dossierClosed
    case dossierReopened, meetingScheduled, agendaItemAdded, agendaItemRemoved, agendaItemMoved
    case discussionRecorded, meetingClosed, agendaItemCarriedOver, decisionTaken, decisionCompleted
    case personalDataErased
    case dossierConfidentialitySet, meetingAttendanceRecorded, meetingRescheduled, meetingCancelled, agendaFinalised
    case minutesApproved, notesAmended

    static let byType: [String: FoldKind] = [
        AreaDefined.eventType: .areaDefined,
        DepartmentRegistered.eventType: .departmentRegistered,
        PrincipalRegistered.eventType: .principalRegistered,
        PrincipalRevoked.eventType: .principalRevoked,
        TableEstablished.eventType: .tableEstablished,
        TableMemberAdded.eventType: .tableMemberAdded,
        TableMemberRemoved.eventType: .tableMemberRemoved,
        DossierRaised.eventType: .dossierRaised,
        DepartmentAssigned.eventType: .departmentAssigned,
        DepartmentUnassigned.eventType: .departmentUnassigned,
        DepartmentStatusUpdated.eventType: .departmentStatusUpdated,
        DeadlineSet.eventType: .deadlineSet,
        DossierEscalated.eventType: .dossierEscalated,
        EscalationResolved.eventType: .escalationResolved,
        DossierClosed.eventType: .dossierClosed,
        DossierReopened.eventType: .dossierReopened,
        MeetingScheduled.eventType: .meetingScheduled,
        AgendaItemAdded.eventType: .agendaItemAdded,
        AgendaItemRemoved.eventType: .agendaItemRemoved,
        AgendaItemMoved.eventType: .agendaItemMoved,
        DiscussionRecorded.eventType: .discussionRecorded,
        MeetingClosed.eventType: .meetingClosed,
        AgendaItemCarriedOver.eventType: .agendaItemCarriedOver,
        DecisionTaken.eventType: .decisionTaken,
        DecisionCompleted.eventType: .decisionCompleted,
        PersonalDataErased.eventType: .personalDataErased,
        DossierConfidentialitySet.eventType: .dossierConfidentialitySet,
        MeetingAttendanceRecorded.eventType: .meetingAttendanceRecorded,
        MeetingRescheduled.eventType: .meetingRescheduled,
        MeetingCancelled.eventType: .meetingCancelled,
        AgendaFinalised.eventType: .agendaFinalised,
        MinutesApproved.eventType: .minutesApproved,
        NotesAmended.eventType: .notesAmended,
    ]
}
