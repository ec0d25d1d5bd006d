/// The filters of `dossier.list`; every one that is set must hold.
package struct DossierFilter: Sendable, Equatable {
    package var tableId: String?
    package var stadsdeel: String?
    package var departmentId: String?
    /// An overall status (`open`, `in_progress`, `blocked`, `done`, `escalated`, `closed`).
    package var status: String?
    package var overdue: Bool?
    package var escalated: Bool?

    package init(
        tableId: String? = nil, stadsdeel: String? = nil, departmentId: String? = nil, status: String? = nil,
        overdue: Bool? = nil, escalated: Bool? = nil
    ) {
        self.tableId = tableId
        self.stadsdeel = stadsdeel
        self.departmentId = departmentId
        self.status = status
        self.overdue = overdue
        self.escalated = escalated
    }

    /// The overall statuses of the RPC reference, in the order dashboards list them.
    package static let overallStatuses = ["open", "in_progress", "blocked", "done", "escalated", "closed"]

    package func admits(_ dossier: DossierRecord, stadsdeel dossierStadsdeel: String?, today: String) -> Bool {
        if let tableId, dossier.tableId != tableId { return false }
        if let stadsdeel, dossierStadsdeel != stadsdeel { return false }
        if let departmentId, !dossier.departments.contains(where: { $0.departmentId == departmentId }) { return false }
        if let status, dossier.overallStatus != status { return false }
        if let overdue, dossier.isOverdue(today: today) != overdue { return false }
        if let escalated, (dossier.openEscalation != nil) != escalated { return false }
        return true
    }
}
