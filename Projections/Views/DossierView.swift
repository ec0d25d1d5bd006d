import Events

/// The `dossier.get` answer of the RPC reference, rendered from the model: statuses per department
/// with who set them when, escalations, decisions, overall status and overdue.
package enum DossierView {
    /// `nil` when the dossier does not exist (at that moment).
    package static func render(_ dossierId: String, in model: CoordinationModel, today: String) -> JSONValue? {
        guard let dossier = model.dossiers[dossierId] else { return nil }
        let stadsdeel = model.tables[dossier.tableId]?.stadsdeel
        let decisions = model.decisions.values.filter { $0.dossierId == dossierId }.sorted { $0.decisionId < $1.decisionId }
        return .object([
            ("dossierId", .string(dossier.dossierId)),
            ("tableId", .string(dossier.tableId)),
            ("stadsdeel", stadsdeel.map(JSONValue.string) ?? .null),
            ("title", .string(dossier.title)),
            ("summary", dossier.summary.map(JSONValue.string) ?? .null),
            ("area", dossier.area.map(JSONValue.string) ?? .null),
            ("overallStatus", .string(dossier.overallStatus)),
            ("deadline", dossier.deadline.map(JSONValue.string) ?? .null),
            ("overdue", .bool(dossier.isOverdue(today: today))),
            ("departments", .array(dossier.departments.map(departmentStatus))),
            ("escalations", .array(dossier.escalations.map(escalation))),
            ("decisions", .array(decisions.map { decision($0, today: today) })),
            ("version", .int(model.version(of: "dossier-\(dossierId)"))),
        ])
    }

    package static func departmentStatus(_ status: DepartmentStatusRecord) -> JSONValue {
        .object([
            ("departmentId", .string(status.departmentId)),
            ("role", .string(status.role)),
            ("status", .string(status.status)),
            ("note", status.note.map(JSONValue.string) ?? .null),
            ("updatedAt", status.updatedAt.map { .string($0.iso8601) } ?? .null),
            ("updatedBy", status.updatedBy.map(JSONValue.string) ?? .null),
        ])
    }

    static func escalation(_ escalation: EscalationRecord) -> JSONValue {
        .object([
            ("to", .string(escalation.to)),
            ("reason", .string(escalation.reason)),
            ("raisedAt", .string(escalation.raisedAt.iso8601)),
            ("resolved", .bool(escalation.resolved)),
            ("outcome", escalation.outcome.map(JSONValue.string) ?? .null),
        ])
    }

    /// The `decision` shape of the RPC reference; overdue when open and due before `today`.
    package static func decision(_ decision: DecisionRecord, today: String) -> JSONValue {
        .object([
            ("decisionId", .string(decision.decisionId)),
            ("meetingId", .string(decision.meetingId)),
            ("dossierId", decision.dossierId.map(JSONValue.string) ?? .null),
            ("text", .string(decision.text)),
            ("ownerDepartment", .string(decision.ownerDepartment)),
            ("due", decision.due.map(JSONValue.string) ?? .null),
            ("completed", .bool(decision.completed)),
            ("overdue", .bool(!decision.completed && (decision.due.map { $0 < today } ?? false))),
        ])
    }
}
