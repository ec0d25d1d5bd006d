import Events

extension CoordinationModel {
    mutating func fold(_ envelope: EventEnvelope) throws {
        let data = envelope.data
        let at = envelope.recordedAt
        let by = envelope.actor.principalId
        switch envelope.type {
        case AreaDefined.eventType:
            let e = try AreaDefined(data: data)
            areas[e.code] = AreaRecord(code: e.code, name: e.name, kind: e.kind, parent: e.parent)
        case DepartmentRegistered.eventType:
            let e = try DepartmentRegistered(data: data)
            departments[e.departmentId] = DepartmentRecord(departmentId: e.departmentId, name: e.name, external: e.external)
        case PrincipalRegistered.eventType:
            let e = try PrincipalRegistered(data: data)
            if let old = principals[e.principalId] { tokens[old.tokenHash] = nil }
            principals[e.principalId] = PrincipalRecord(
                principalId: e.principalId, name: e.name, role: e.role, stadsdelen: e.stadsdelen,
                departments: e.departments, tokenHash: e.tokenHash, revoked: false)
            tokens[e.tokenHash] = e.principalId
        case PrincipalRevoked.eventType:
            let e = try PrincipalRevoked(data: data)
            if let old = principals[e.principalId] { tokens[old.tokenHash] = nil }
            principals[e.principalId]?.revoked = true
        case TableEstablished.eventType:
            let e = try TableEstablished(data: data)
            tables[e.tableId] = TableRecord(tableId: e.tableId, name: e.name, stadsdeel: e.stadsdeel, members: e.members)
        case TableMemberAdded.eventType:
            let e = try TableMemberAdded(data: data)
            if tables[e.tableId]?.members.contains(e.departmentId) == false { tables[e.tableId]?.members.append(e.departmentId) }
        case TableMemberRemoved.eventType:
            let e = try TableMemberRemoved(data: data)
            tables[e.tableId]?.members.removeAll { $0 == e.departmentId }
        default:
            try foldDossier(envelope, data: data, at: at, by: by)
        }
    }

    mutating func foldDossier(_ envelope: EventEnvelope, data: JSONValue, at: Timestamp, by: String) throws {
        switch envelope.type {
        case DossierRaised.eventType:
            let e = try DossierRaised(data: data)
            dossiers[e.dossierId] = DossierRecord(
                dossierId: e.dossierId, tableId: e.tableId, title: e.title, summary: e.summary, area: e.area,
                deadline: e.deadline, departments: [], escalations: [], closed: false, resolution: nil, raisedAt: at,
                closedAt: nil)
        case DepartmentAssigned.eventType:
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
        case DepartmentUnassigned.eventType:
            let e = try DepartmentUnassigned(data: data)
            dossiers[e.dossierId]?.departments.removeAll { $0.departmentId == e.departmentId }
        case DepartmentStatusUpdated.eventType:
            let e = try DepartmentStatusUpdated(data: data)
            guard let slot = dossiers.index(forKey: e.dossierId),
                let index = dossiers.values[slot].departments.firstIndex(where: { $0.departmentId == e.departmentId })
            else { return }
            dossiers.values[slot].departments[index].record(status: e.status, note: e.note, at: at, by: by)
        case DeadlineSet.eventType:
            let e = try DeadlineSet(data: data)
            dossiers[e.dossierId]?.deadline = e.deadline
        case DossierEscalated.eventType:
            let e = try DossierEscalated(data: data)
            dossiers[e.dossierId]?.escalations.append(EscalationRecord(to: e.to, reason: e.reason, raisedAt: at, resolved: false, outcome: nil))
        case EscalationResolved.eventType:
            let e = try EscalationResolved(data: data)
            if let index = dossiers[e.dossierId]?.escalations.lastIndex(where: { !$0.resolved }) {
                dossiers[e.dossierId]?.escalations[index].resolved = true
                dossiers[e.dossierId]?.escalations[index].outcome = e.outcome
            }
        case DossierClosed.eventType:
            let e = try DossierClosed(data: data)
            dossiers[e.dossierId]?.closed = true
            dossiers[e.dossierId]?.resolution = e.resolution
            dossiers[e.dossierId]?.closedAt = at
        case DossierReopened.eventType:
            let e = try DossierReopened(data: data)
            dossiers[e.dossierId]?.closed = false
            dossiers[e.dossierId]?.closedAt = nil
        default:
            try foldMeeting(envelope, data: data)
        }
    }

    mutating func foldMeeting(_ envelope: EventEnvelope, data: JSONValue) throws {
        switch envelope.type {
        case MeetingScheduled.eventType:
            let e = try MeetingScheduled(data: data)
            meetings[e.meetingId] = MeetingRecord(
                meetingId: e.meetingId, tableId: e.tableId, date: e.date, location: e.location, items: [], closed: false)
        case AgendaItemAdded.eventType:
            let e = try AgendaItemAdded(data: data)
            meetings[e.meetingId]?.items.append(
                AgendaItemRecord(itemId: e.itemId, dossierId: e.dossierId, topic: e.topic, discussed: false, notes: nil, carriedOverFrom: nil))
        case AgendaItemRemoved.eventType:
            let e = try AgendaItemRemoved(data: data)
            meetings[e.meetingId]?.items.removeAll { $0.itemId == e.itemId }
        case AgendaItemMoved.eventType:
            let e = try AgendaItemMoved(data: data)
            guard let slot = meetings.index(forKey: e.meetingId),
                let from = meetings.values[slot].items.firstIndex(where: { $0.itemId == e.itemId })
            else { return }
            let item = meetings.values[slot].items.remove(at: from)
            meetings.values[slot].items.insert(item, at: min(max(e.position - 1, 0), meetings.values[slot].items.count))
        case DiscussionRecorded.eventType:
            let e = try DiscussionRecorded(data: data)
            if let index = meetings[e.meetingId]?.items.firstIndex(where: { $0.itemId == e.itemId }) {
                meetings[e.meetingId]?.items[index].discussed = true
                meetings[e.meetingId]?.items[index].notes = e.notes
            }
        case MeetingClosed.eventType:
            let e = try MeetingClosed(data: data)
            meetings[e.meetingId]?.closed = true
        case AgendaItemCarriedOver.eventType:
            let e = try AgendaItemCarriedOver(data: data)
            carriedItems.insert("\(e.fromMeetingId)/\(e.fromItemId)")
            guard let slot = meetings.index(forKey: e.meetingId) else { return }
            let item = AgendaItemRecord(
                itemId: e.itemId, dossierId: e.dossierId, topic: e.topic, discussed: false, notes: nil, carriedOverFrom: e.fromMeetingId)
            meetings.values[slot].items.insert(item, at: min(max(e.position - 1, 0), meetings.values[slot].items.count))
        case DecisionTaken.eventType:
            let e = try DecisionTaken(data: data)
            decisions[e.decisionId] = DecisionRecord(
                decisionId: e.decisionId, meetingId: e.meetingId, dossierId: e.dossierId, text: e.text,
                ownerDepartment: e.ownerDepartment, due: e.due, completed: false, note: nil)
        case DecisionCompleted.eventType:
            let e = try DecisionCompleted(data: data)
            decisions[e.decisionId]?.completed = true
            decisions[e.decisionId]?.note = e.note
        default:
            throw UnknownSchemaVersion(type: envelope.type, schemaVersion: envelope.schemaVersion)
        }
    }
}
