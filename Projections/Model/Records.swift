import Events

/// A place in the municipality's area tree (stadsdeel, wijk or buurt).
package struct AreaRecord: Sendable, Equatable {
    package var code: String
    package var name: String
    package var kind: String
    package var parent: String?
}

/// A department or partner organisation.
package struct DepartmentRecord: Sendable, Equatable {
    package var departmentId: String
    package var name: String
    package var external: Bool
}

/// Who may act, in which role and scope; the token is known only by its SHA-256.
package struct PrincipalRecord: Sendable, Equatable {
    package var principalId: String
    package var name: String
    package var role: String
    package var stadsdelen: [String]
    package var departments: [String]
    package var tokenHash: String
    package var revoked: Bool
}

/// A stadsdeeltafel and its member departments, in the order they joined.
package struct TableRecord: Sendable, Equatable {
    package var tableId: String
    package var name: String
    package var stadsdeel: String
    package var members: [String]
}

/// One department's part in a dossier: its role, last status and who set it when.
package struct DepartmentStatusRecord: Sendable, Equatable {
    package var departmentId: String
    package var role: String
    package var status: String
    package var note: FreeText?
    package var updatedAt: Timestamp?
    package var updatedBy: String?

    /// A department's new status, written through one access (the fold's hottest path).
    mutating func record(status: String, note: FreeText?, at: Timestamp, by: String) {
        self.status = status
        self.note = note
        updatedAt = at
        updatedBy = by
    }
}

/// An escalation of a dossier to the wethouder, the college or the directie.
package struct EscalationRecord: Sendable, Equatable {
    package var to: String
    package var reason: FreeText
    package var raisedAt: Timestamp
    package var resolved: Bool
    package var outcome: FreeText?
}

/// A cross-department dossier of one table.
package struct DossierRecord: Sendable, Equatable {
    package var dossierId: String
    package var tableId: String
    package var title: String
    package var summary: FreeText?
    package var area: String?
    package var deadline: String?
    package var departments: [DepartmentStatusRecord]
    package var escalations: [EscalationRecord]
    package var closed: Bool
    package var resolution: FreeText?
    package var raisedAt: Timestamp
    package var closedAt: Timestamp?
    /// Marked confidential (`dossier.setConfidentiality`): departments and partners not
    /// assigned to it do not see what it is about, not even its title on an agenda.
    package var confidential: Bool = false

    package var openEscalation: EscalationRecord? { escalations.last(where: { !$0.resolved }) }

    /// The overall status rule of the RPC reference.
    package var overallStatus: String {
        if closed { return "closed" }
        if openEscalation != nil { return "escalated" }
        let statuses = departments.map(\.status)
        if statuses.contains("blocked") { return "blocked" }
        if !statuses.isEmpty && statuses.allSatisfy({ $0 == "done" }) { return "done" }
        if statuses.contains("in_progress") { return "in_progress" }
        return "open"
    }

    /// Not closed and the deadline is before `today` (`YYYY-MM-DD` compare as text).
    package func isOverdue(today: String) -> Bool {
        guard !closed, let deadline else { return false }
        return deadline < today
    }
}

/// One item on a meeting's agenda: a dossier or a free topic.
package struct AgendaItemRecord: Sendable, Equatable {
    package var itemId: String
    package var dossierId: String?
    package var topic: String?
    package var discussed: Bool
    package var notes: FreeText?
    package var carriedOverFrom: String?
    /// Added after the agenda was finalised.
    package var late: Bool = false
    /// The meeting this undiscussed item was carried over to, once it was.
    package var carriedOverTo: String?
    /// Corrections of the notes (`meeting.amendNotes`), oldest first; ``notes`` holds the latest.
    package var amendments: [NotesAmendmentRecord] = []
}

/// One correction of an item's discussion notes: the reason, and who made it when.
package struct NotesAmendmentRecord: Sendable, Equatable {
    package var reason: FreeText
    package var at: Timestamp
    package var by: String
}

/// A member department's attendance at a meeting: the verslag's presence list.
package struct AttendanceRecord: Sendable, Equatable {
    package var departmentId: String
    /// `present`, `absent` or `excused`.
    package var presence: String
    /// Who attended for the department (a person's name, sealed beside the log).
    package var delegate: FreeText?
}

/// A change of a meeting's date: from which date to which, why, and when it was recorded.
package struct RescheduleRecord: Sendable, Equatable {
    package var from: String
    package var to: String
    package var reason: FreeText
    package var at: Timestamp
}

/// A meeting of a table with its ordered agenda.
package struct MeetingRecord: Sendable, Equatable {
    package var meetingId: String
    package var tableId: String
    package var date: String
    package var location: String?
    package var items: [AgendaItemRecord]
    package var closed: Bool
    /// Cancelled (`meeting.cancel`): it takes no changes, and its items carried over as on closing.
    package var cancelled: Bool = false
    package var cancelReason: FreeText?
    /// The agenda was finalised: an item added after it is late.
    package var finalised: Bool = false
    /// The verslag was approved: notes change only through an amendment.
    package var minutesApproved: Bool = false
    /// One record per department, in the order first recorded.
    package var attendance: [AttendanceRecord] = []
    package var reschedules: [RescheduleRecord] = []

    /// Neither closed nor cancelled: the meeting still lies ahead (or is under way).
    package var isOpen: Bool { !closed && !cancelled }

    /// `scheduled`, `closed` or `cancelled`.
    package var status: String { cancelled ? "cancelled" : closed ? "closed" : "scheduled" }
}

/// A decision taken at a meeting, owned by one department.
package struct DecisionRecord: Sendable, Equatable {
    package var decisionId: String
    package var meetingId: String
    package var dossierId: String?
    package var text: FreeText
    package var ownerDepartment: String
    package var due: String?
    package var completed: Bool
    package var note: FreeText?
}

/// An agenda item by its meeting and its id, as a key. Two members rather than one joined
/// string: ids in an imported log may hold any character, and `a/b` + `c` must not be `a` + `b/c`.
package struct ItemKey: Sendable, Hashable {
    package var meetingId: String
    package var itemId: String

    package init(meetingId: String, itemId: String) {
        self.meetingId = meetingId
        self.itemId = itemId
    }
}
