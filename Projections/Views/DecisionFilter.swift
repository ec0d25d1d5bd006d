/// The filters of `decision.list` (the actielijst); every one that is set must hold.
package struct DecisionFilter: Sendable, Equatable {
    package var tableId: String?
    package var stadsdeel: String?
    package var ownerDepartment: String?
    package var meetingId: String?
    package var dossierId: String?
    /// `open`, `completed` or `withdrawn`; without it every state is listed.
    package var state: DecisionState?
    package var overdue: Bool?
    /// Only decisions with a due date before this day.
    package var dueBefore: String?

    package init(
        tableId: String? = nil, stadsdeel: String? = nil, ownerDepartment: String? = nil, meetingId: String? = nil,
        dossierId: String? = nil, state: DecisionState? = nil, overdue: Bool? = nil, dueBefore: String? = nil
    ) {
        self.tableId = tableId
        self.stadsdeel = stadsdeel
        self.ownerDepartment = ownerDepartment
        self.meetingId = meetingId
        self.dossierId = dossierId
        self.state = state
        self.overdue = overdue
        self.dueBefore = dueBefore
    }

    /// Whether `decision` passes; `stadsdeel` is that of the decision's table.
    package func admits(_ decision: DecisionRecord, stadsdeel decisionStadsdeel: String?, today: String) -> Bool {
        if let tableId, decision.tableId != tableId { return false }
        if let stadsdeel, decisionStadsdeel != stadsdeel { return false }
        if let ownerDepartment, decision.ownerDepartment != ownerDepartment { return false }
        if let meetingId, decision.meetingId != meetingId { return false }
        if let dossierId, decision.dossierId != dossierId { return false }
        if let state, decision.state != state { return false }
        if let overdue, decision.isOverdue(today: today) != overdue { return false }
        if let dueBefore, !(decision.due.map { $0 < dueBefore } ?? false) { return false }
        return true
    }
}
