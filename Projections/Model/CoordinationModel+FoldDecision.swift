import Events

extension CoordinationModel {
    /// Decisions: taken, completed, rescheduled, reassigned, withdrawn, progress reported.
    /// Each free text is anchored to its event, so that logs written before sealing show
    /// their texts (completion notes included) without a migration.
    mutating func foldDecision(_ envelope: EventEnvelope, _ kind: FoldKind?, data: JSONValue) throws {
        let at = envelope.recordedAt
        switch kind {
        case .decisionTaken?:
            let e = try DecisionTaken(data: data)
            decisions[e.decisionId] = DecisionRecord(
                decisionId: e.decisionId, meetingId: e.meetingId, tableId: meetings[e.meetingId]?.tableId, dossierId: e.dossierId,
                text: e.text.anchored(eventId: envelope.eventId, field: "text"), ownerDepartment: e.ownerDepartment, due: e.due)
        case .decisionCompleted?:
            let e = try DecisionCompleted(data: data)
            guard let slot = decisions.index(forKey: e.decisionId) else { return }
            decisions.values[slot].state = .completed
            decisions.values[slot].note = e.note?.anchored(eventId: envelope.eventId, field: "note")
            decisions.values[slot].completedAt = at
        case .decisionRescheduled?:
            let e = try DecisionRescheduled(data: data)
            decisions[e.decisionId]?.due = e.due
        case .decisionReassigned?:
            let e = try DecisionReassigned(data: data)
            decisions[e.decisionId]?.ownerDepartment = e.ownerDepartment
        case .decisionWithdrawn?:
            let e = try DecisionWithdrawn(data: data)
            guard let slot = decisions.index(forKey: e.decisionId) else { return }
            decisions.values[slot].state = .withdrawn
            decisions.values[slot].withdrawnAt = at
            decisions.values[slot].withdrawalReason = e.reason.anchored(eventId: envelope.eventId, field: "reason")
        case .decisionProgressReported?:
            let e = try DecisionProgressReported(data: data)
            decisions[e.decisionId]?.progress = DecisionProgressRecord(
                status: e.status, note: e.note?.anchored(eventId: envelope.eventId, field: "note"), at: at)
        default:
            throw UnknownSchemaVersion(type: envelope.type, schemaVersion: envelope.schemaVersion)
        }
    }
}
