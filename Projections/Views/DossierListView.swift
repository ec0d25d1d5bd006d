import Events

/// The `dossier.list` answer: a page of dossier summaries in id order, filtered, with the
/// cursor of the next page (the last id of this one; `null` on the last page).
public enum DossierListView {
    public static func render(
        _ filter: DossierFilter, in model: CoordinationModel, today: String, limit: Int, after cursor: String?,
        visible: (DossierRecord) -> Bool
    ) -> JSONValue {
        let matching = model.dossiers.values.filter { dossier in
            if let cursor, dossier.dossierId <= cursor { return false }
            return visible(dossier) && filter.admits(dossier, stadsdeel: model.tables[dossier.tableId]?.stadsdeel, today: today)
        }.sorted { $0.dossierId < $1.dossierId }
        let page = matching.prefix(limit)
        let next: JSONValue = matching.count > limit ? page.last.map { .string($0.dossierId) } ?? .null : .null
        return .object([
            ("items", .array(page.map { summary($0, in: model, today: today) })),
            ("nextCursor", next),
        ])
    }

    /// One dossier in a list: what a regisseur scans, without escalation or decision history.
    static func summary(_ dossier: DossierRecord, in model: CoordinationModel, today: String) -> JSONValue {
        .object([
            ("dossierId", .string(dossier.dossierId)),
            ("tableId", .string(dossier.tableId)),
            ("stadsdeel", model.tables[dossier.tableId].map { .string($0.stadsdeel) } ?? .null),
            ("area", dossier.area.map(JSONValue.string) ?? .null),
            ("title", .string(dossier.title)),
            ("overallStatus", .string(dossier.overallStatus)),
            ("lead", dossier.departments.first { $0.role == "lead" }.map { .string($0.departmentId) } ?? .null),
            ("departments", .array(dossier.departments.map(DossierView.departmentStatus))),
            ("deadline", dossier.deadline.map(JSONValue.string) ?? .null),
            ("overdue", .bool(dossier.isOverdue(today: today))),
            ("escalated", .bool(dossier.openEscalation != nil)),
        ])
    }
}
