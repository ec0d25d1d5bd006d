import Events

/// The `department.overview` answer: one department's worklist, each dossier with the
/// department's own role and status beside every other department's, earliest deadline first,
/// and its actielijst: the open decisions it owns that the reader may read, earliest due first.
package enum DepartmentOverviewView {
    package static func render(
        _ departmentId: String, in model: CoordinationModel, today: String, visible: (DossierRecord) -> Bool,
        visibleDecision: (DecisionRecord) -> Bool = { _ in true }, texts: any TextReader
    ) -> JSONValue {
        let mine = model.dossiers.values.filter { dossier in
            visible(dossier) && dossier.departments.contains { $0.departmentId == departmentId }
        }.sorted { ($0.deadline ?? "9999-99-99", $0.dossierId) < ($1.deadline ?? "9999-99-99", $1.dossierId) }
        let rows: [JSONValue] = mine.map { dossier in
            let own = dossier.departments.first { $0.departmentId == departmentId }
            let others = dossier.departments.filter { $0.departmentId != departmentId }.map { other in
                JSONValue.object([("departmentId", .string(other.departmentId)), ("status", .string(other.status))])
            }
            var shown = ShownTexts(texts)
            var members: [(String, JSONValue)] = [
                ("dossierId", .string(dossier.dossierId)),
                ("tableId", .string(dossier.tableId)),
                ("title", .string(dossier.title)),
                ("role", own.map { .string($0.role) } ?? .null),
                ("status", own.map { .string($0.status) } ?? .null),
                ("note", shown.value(own?.note, field: "note")),
                ("overallStatus", .string(dossier.overallStatus)),
                ("others", .array(others)),
                ("deadline", dossier.deadline.map(JSONValue.string) ?? .null),
                ("overdue", .bool(dossier.isOverdue(today: today))),
                ("confidential", .bool(dossier.confidential)),
            ]
            shown.mark(&members)
            return .object(members)
        }
        let decisions = DecisionListView.render(
            DecisionFilter(ownerDepartment: departmentId, state: .open), in: model, today: today, limit: Int.max, after: nil,
            visible: visibleDecision, texts: texts)["items"] ?? .array([])
        return .object([("departmentId", .string(departmentId)), ("dossiers", .array(rows)), ("decisions", decisions)])
    }
}
