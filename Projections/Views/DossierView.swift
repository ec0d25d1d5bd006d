import Events

/// The `dossier.get` answer of the RPC reference, rendered from the model: statuses per department
/// with who set them when, escalations, decisions, overall status and overdue.
package enum DossierView {
    /// `nil` when the dossier does not exist (at that moment).
    package static func render(_ dossierId: String, in model: CoordinationModel, today: String, texts: any TextReader) -> JSONValue? {
        guard let dossier = model.dossiers[dossierId] else { return nil }
        let stadsdeel = model.tables[dossier.tableId]?.stadsdeel
        let decisions = model.decisions.values.filter { $0.dossierId == dossierId }.sorted { $0.decisionId < $1.decisionId }
        var shown = ShownTexts(texts)
        var members: [(String, JSONValue)] = [
            ("dossierId", .string(dossier.dossierId)),
            ("tableId", .string(dossier.tableId)),
            ("stadsdeel", stadsdeel.map(JSONValue.string) ?? .null),
            ("title", .string(dossier.title)),
            ("summary", shown.value(dossier.summary, field: "summary")),
            ("area", dossier.area.map(JSONValue.string) ?? .null),
            ("overallStatus", .string(dossier.overallStatus)),
            ("deadline", dossier.deadline.map(JSONValue.string) ?? .null),
            ("overdue", .bool(dossier.isOverdue(today: today))),
            ("departments", .array(dossier.departments.map { departmentStatus($0, texts: texts) })),
            ("escalations", .array(dossier.escalations.map { escalation($0, texts: texts) })),
            ("decisions", .array(decisions.map { decision($0, today: today, texts: texts) })),
            ("confidential", .bool(dossier.confidential)),
            ("version", .int(model.version(of: "dossier-\(dossierId)"))),
        ]
        shown.mark(&members)
        return .object(members)
    }

    package static func departmentStatus(_ status: DepartmentStatusRecord, texts: any TextReader) -> JSONValue {
        var shown = ShownTexts(texts)
        var members: [(String, JSONValue)] = [
            ("departmentId", .string(status.departmentId)),
            ("role", .string(status.role)),
            ("status", .string(status.status)),
            ("note", shown.value(status.note, field: "note")),
            ("updatedAt", status.updatedAt.map { .string($0.iso8601) } ?? .null),
            ("updatedBy", status.updatedBy.map(JSONValue.string) ?? .null),
        ]
        shown.mark(&members)
        return .object(members)
    }

    static func escalation(_ escalation: EscalationRecord, texts: any TextReader) -> JSONValue {
        var shown = ShownTexts(texts)
        var members: [(String, JSONValue)] = [
            ("to", .string(escalation.to)),
            ("reason", shown.value(escalation.reason, field: "reason")),
            ("raisedAt", .string(escalation.raisedAt.iso8601)),
            ("resolved", .bool(escalation.resolved)),
            ("outcome", shown.value(escalation.outcome, field: "outcome")),
        ]
        shown.mark(&members)
        return .object(members)
    }

    /// The `decision` shape of the RPC reference (contract v2: with `tableId`, `state`,
    /// `completedAt`, `note`, `progress`); overdue when open and due before `today`.
    package static func decision(_ decision: DecisionRecord, today: String, texts: any TextReader) -> JSONValue {
        var shown = ShownTexts(texts)
        var members: [(String, JSONValue)] = [
            ("decisionId", .string(decision.decisionId)),
            ("meetingId", .string(decision.meetingId)),
            ("tableId", decision.tableId.map(JSONValue.string) ?? .null),
            ("dossierId", decision.dossierId.map(JSONValue.string) ?? .null),
            ("text", shown.value(decision.text, field: "text")),
            ("ownerDepartment", .string(decision.ownerDepartment)),
            ("due", decision.due.map(JSONValue.string) ?? .null),
            ("state", .string(decision.state.rawValue)),
            ("completed", .bool(decision.completed)),
            ("completedAt", decision.completedAt.map { .string($0.iso8601) } ?? .null),
            ("note", shown.value(decision.note, field: "note")),
            ("progress", decision.progress.map { progress($0, texts: texts) } ?? .null),
            ("withdrawnAt", decision.withdrawnAt.map { .string($0.iso8601) } ?? .null),
            ("withdrawalReason", shown.value(decision.withdrawalReason, field: "withdrawalReason")),
            ("overdue", .bool(decision.isOverdue(today: today))),
        ]
        shown.mark(&members)
        return .object(members)
    }

    /// A decision's latest progress report: `{"status", "note", "at"}`.
    static func progress(_ progress: DecisionProgressRecord, texts: any TextReader) -> JSONValue {
        var shown = ShownTexts(texts)
        var members: [(String, JSONValue)] = [
            ("status", .string(progress.status)),
            ("note", shown.value(progress.note, field: "note")),
            ("at", .string(progress.at.iso8601)),
        ]
        shown.mark(&members)
        return .object(members)
    }
}
