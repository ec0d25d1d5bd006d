import Events

/// The `dashboard.stadsdeel` answer: how a stadsdeel's tables are doing, and per wijk
/// within it, as counts a wethouder can read at a glance.
///
/// A dossier counts for the stadsdeel of its table; within it, for the wijk its area is
/// (or, for a buurt, lies in). Every wijk of the stadsdeel is listed, zeros included; a
/// dossier without a wijk counts only for the stadsdeel.
package enum DashboardView {
    package static func render(_ stadsdeel: String, in model: CoordinationModel, today: String) -> JSONValue {
        let tables = Set(model.tables.values.filter { $0.stadsdeel == stadsdeel }.map(\.tableId))
        let dossiers = model.dossiers.values.filter { tables.contains($0.tableId) }
        let dossierIds = Set(dossiers.map(\.dossierId))
        let decisions = model.decisions.values.filter { decision in
            model.meetings[decision.meetingId].map { tables.contains($0.tableId) } == true
                || decision.dossierId.map(dossierIds.contains) == true
        }
        let open = decisions.filter(\.isOpen)
        let overdueDecisions = open.filter { ($0.due.map { $0 < today }) ?? false }
        var wijken = model.areas.values.filter { $0.kind == "wijk" && $0.parent == stadsdeel }.map(\.code)
        var byWijk: [String: [DossierRecord]] = [:]
        for dossier in dossiers {
            guard let wijk = wijk(of: dossier.area, in: model) else { continue }
            byWijk[wijk, default: []].append(dossier)
            if !wijken.contains(wijk) { wijken.append(wijk) }
        }
        let wijkRows: [JSONValue] = wijken.sorted().map { code in
            let inWijk = byWijk[code] ?? []
            return .object([
                ("code", .string(code)),
                ("name", model.areas[code].map { .string($0.name) } ?? .null),
                ("byStatus", byStatus(inWijk)),
                ("overdue", .int(Int64(inWijk.filter { $0.isOverdue(today: today) }.count))),
                ("openEscalations", .int(Int64(inWijk.filter { $0.openEscalation != nil }.count))),
            ])
        }
        return .object([
            ("stadsdeel", .string(stadsdeel)),
            ("name", model.areas[stadsdeel].map { .string($0.name) } ?? .null),
            ("today", .string(today)),
            ("byStatus", byStatus(dossiers)),
            ("overdue", .int(Int64(dossiers.filter { $0.isOverdue(today: today) }.count))),
            ("openEscalations", .int(Int64(dossiers.filter { $0.openEscalation != nil }.count))),
            ("decisions", .object([("open", .int(Int64(open.count))), ("overdue", .int(Int64(overdueDecisions.count)))])),
            ("medianDaysToClose", medianDaysToClose(dossiers)),
            ("wijken", .array(wijkRows)),
        ])
    }

    /// Every overall status with its count, zeros included.
    static func byStatus(_ dossiers: [DossierRecord]) -> JSONValue {
        var counts: [String: Int64] = [:]
        for dossier in dossiers { counts[dossier.overallStatus, default: 0] += 1 }
        return .object(DossierFilter.overallStatuses.map { ($0, .int(counts[$0] ?? 0)) })
    }

    /// The wijk an area code is, or lies in (a buurt's parent); `nil` otherwise.
    static func wijk(of area: String?, in model: CoordinationModel) -> String? {
        guard let area else { return nil }
        if area.hasPrefix("WK") { return area }
        if let record = model.areas[area], record.kind == "buurt", let parent = record.parent, parent.hasPrefix("WK") {
            return parent
        }
        if area.hasPrefix("BU"), area.count == 10 { return "WK" + area.dropFirst(2).prefix(6) }
        return nil
    }

    /// The median of days from raised to closed over the closed dossiers (one decimal),
    /// `null` when none is closed.
    static func medianDaysToClose(_ dossiers: [DossierRecord]) -> JSONValue {
        let days = dossiers.compactMap { dossier -> Double? in
            guard dossier.closed, let closedAt = dossier.closedAt else { return nil }
            return Double(closedAt.millisecondsSinceEpoch - dossier.raisedAt.millisecondsSinceEpoch) / 86_400_000
        }.sorted()
        guard !days.isEmpty else { return .null }
        let middle = days.count / 2
        let median = days.count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2
        return .double((median * 10).rounded() / 10)
    }
}
