import Events

/// A place in the municipality's area tree (stadsdeel, wijk or buurt).
public struct AreaRecord: Sendable, Equatable {
    public var code: String
    public var name: String
    public var kind: String
    public var parent: String?
}

/// A department or partner organisation.
public struct DepartmentRecord: Sendable, Equatable {
    public var departmentId: String
    public var name: String
    public var external: Bool
}

/// Who may act, in which role and scope; the token is known only by its SHA-256.
public struct PrincipalRecord: Sendable, Equatable {
    public var principalId: String
    public var name: String
    public var role: String
    public var stadsdelen: [String]
    public var departments: [String]
    public var tokenHash: String
    public var revoked: Bool
}

/// A stadsdeeltafel and its member departments, in the order they joined.
public struct TableRecord: Sendable, Equatable {
    public var tableId: String
    public var name: String
    public var stadsdeel: String
    public var members: [String]
}

/// One department's part in a dossier: its role, last status and who set it when.
public struct DepartmentStatusRecord: Sendable, Equatable {
    public var departmentId: String
    public var role: String
    public var status: String
    public var note: String?
    public var updatedAt: Timestamp?
    public var updatedBy: String?

    /// A department's new status, written through one access (the fold's hottest path).
    mutating func record(status: String, note: String?, at: Timestamp, by: String) {
        self.status = status
        self.note = note
        updatedAt = at
        updatedBy = by
    }
}

/// An escalation of a dossier to the wethouder, the college or the directie.
public struct EscalationRecord: Sendable, Equatable {
    public var to: String
    public var reason: String
    public var raisedAt: Timestamp
    public var resolved: Bool
    public var outcome: String?
}

/// A cross-department dossier of one table.
public struct DossierRecord: Sendable, Equatable {
    public var dossierId: String
    public var tableId: String
    public var title: String
    public var summary: String?
    public var area: String?
    public var deadline: String?
    public var departments: [DepartmentStatusRecord]
    public var escalations: [EscalationRecord]
    public var closed: Bool
    public var resolution: String?
    public var raisedAt: Timestamp
    public var closedAt: Timestamp?

    public var openEscalation: EscalationRecord? { escalations.last(where: { !$0.resolved }) }

    /// The overall status rule of API.md.
    public var overallStatus: String {
        if closed { return "closed" }
        if openEscalation != nil { return "escalated" }
        let statuses = departments.map(\.status)
        if statuses.contains("blocked") { return "blocked" }
        if !statuses.isEmpty && statuses.allSatisfy({ $0 == "done" }) { return "done" }
        if statuses.contains("in_progress") { return "in_progress" }
        return "open"
    }

    /// Not closed and the deadline is before `today` (`YYYY-MM-DD` compare as text).
    public func isOverdue(today: String) -> Bool {
        guard !closed, let deadline else { return false }
        return deadline < today
    }
}

/// One item on a meeting's agenda: a dossier or a free topic.
public struct AgendaItemRecord: Sendable, Equatable {
    public var itemId: String
    public var dossierId: String?
    public var topic: String?
    public var discussed: Bool
    public var notes: String?
    public var carriedOverFrom: String?
}

/// A meeting of a table with its ordered agenda.
public struct MeetingRecord: Sendable, Equatable {
    public var meetingId: String
    public var tableId: String
    public var date: String
    public var location: String?
    public var items: [AgendaItemRecord]
    public var closed: Bool
}

/// A decision taken at a meeting, owned by one department.
public struct DecisionRecord: Sendable, Equatable {
    public var decisionId: String
    public var meetingId: String
    public var dossierId: String?
    public var text: String
    public var ownerDepartment: String
    public var due: String?
    public var completed: Bool
    public var note: String?
}

/// An agenda item by its meeting and its id, as a key. Two members rather than one joined
/// string: ids in an imported log may hold any character, and `a/b` + `c` must not be `a` + `b/c`.
public struct ItemKey: Sendable, Hashable {
    public var meetingId: String
    public var itemId: String

    public init(meetingId: String, itemId: String) {
        self.meetingId = meetingId
        self.itemId = itemId
    }
}
