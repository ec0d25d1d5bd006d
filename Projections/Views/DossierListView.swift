import Events

/// The `dossier.list` answer: a page of dossier summaries in id order, filtered, with the
/// cursor of the next page (the last id of this one; `null` on the last page).
package enum DossierListView {
    /// - Parameter ordered: every dossier id of `model`, ascending, when the caller keeps
    ///   them so: a page then looks at the dossiers after the cursor until it is full,
    ///   rather than filtering and sorting all of them.
    package static func render(
        _ filter: DossierFilter, in model: CoordinationModel, today: String, limit: Int, after cursor: String?,
        ordered: [String]? = nil, visible: (DossierRecord) -> Bool, texts: any TextReader
    ) -> JSONValue {
        let ids = ordered ?? model.dossiers.keys.sorted()
        var low = 0
        var high = ids.count
        while let cursor, low < high {
            let middle = (low + high) / 2
            if ids[middle] > cursor { high = middle } else { low = middle + 1 }
        }
        var page: [DossierRecord] = []
        var more = false
        for id in ids[low...] {
            guard let dossier = model.dossiers[id], visible(dossier),
                filter.admits(dossier, stadsdeel: model.tables[dossier.tableId]?.stadsdeel, today: today)
            else { continue }
            if page.count == limit {
                more = true
                break
            }
            page.append(dossier)
        }
        let next: JSONValue = more ? page.last.map { .string($0.dossierId) } ?? .null : .null
        return .object([
            ("items", .array(page.map { summary($0, in: model, today: today, texts: texts) })),
            ("nextCursor", next),
        ])
    }

    /// One dossier in a list: what a regisseur scans, without escalation or decision history.
    static func summary(_ dossier: DossierRecord, in model: CoordinationModel, today: String, texts: any TextReader) -> JSONValue {
        .object([
            ("dossierId", .string(dossier.dossierId)),
            ("tableId", .string(dossier.tableId)),
            ("stadsdeel", model.tables[dossier.tableId].map { .string($0.stadsdeel) } ?? .null),
            ("area", dossier.area.map(JSONValue.string) ?? .null),
            ("title", .string(dossier.title)),
            ("overallStatus", .string(dossier.overallStatus)),
            ("lead", dossier.departments.first { $0.role == "lead" }.map { .string($0.departmentId) } ?? .null),
            ("departments", .array(dossier.departments.map { DossierView.departmentStatus($0, texts: texts) })),
            ("deadline", dossier.deadline.map(JSONValue.string) ?? .null),
            ("overdue", .bool(dossier.isOverdue(today: today))),
            ("escalated", .bool(dossier.openEscalation != nil)),
            ("confidential", .bool(dossier.confidential)),
        ])
    }
}
