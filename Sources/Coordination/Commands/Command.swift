/// Every command of the JSON-RPC contract (the RPC reference), with its parameters typed and every
/// id already chosen (the RPC layer generates the ones a client left out), so that
/// deciding stays a pure function.
package enum Command: Sendable, Equatable {
    case defineArea(code: String, name: String, kind: String, parent: String?)
    case registerDepartment(departmentId: String, name: String, external: Bool)
    case registerPrincipal(principalId: String, name: String, role: Role, stadsdelen: [String], departments: [String], tokenHash: String)
    case revokePrincipal(principalId: String)
    case establishTable(tableId: String, name: String, stadsdeel: String, members: [String])
    case addTableMember(tableId: String, departmentId: String)
    case removeTableMember(tableId: String, departmentId: String)
    case raiseDossier(dossierId: String, tableId: String, title: String, summary: String?, area: String?, deadline: String?)
    case assignDepartment(dossierId: String, departmentId: String, role: String)
    case unassignDepartment(dossierId: String, departmentId: String)
    case updateStatus(dossierId: String, departmentId: String, status: String, note: String?)
    case setDeadline(dossierId: String, deadline: String)
    case escalate(dossierId: String, to: String, reason: String)
    case resolveEscalation(dossierId: String, outcome: String)
    case closeDossier(dossierId: String, resolution: String)
    case reopenDossier(dossierId: String, reason: String)
    case setConfidentiality(dossierId: String, confidential: Bool, reason: String)
    case scheduleMeeting(meetingId: String, tableId: String, date: String, location: String?)
    case addAgendaItem(meetingId: String, itemId: String, dossierId: String?, topic: String?, late: Bool = false)
    case removeAgendaItem(meetingId: String, itemId: String)
    case moveAgendaItem(meetingId: String, itemId: String, position: Int)
    case recordDiscussion(meetingId: String, itemId: String, notes: String?)
    case closeMeeting(meetingId: String)
    case recordAttendance(meetingId: String, departmentId: String, presence: String, delegate: String?)
    case rescheduleMeeting(meetingId: String, date: String, location: String?, reason: String)
    case cancelMeeting(meetingId: String, reason: String)
    case finaliseAgenda(meetingId: String)
    case approveMinutes(meetingId: String)
    case amendNotes(meetingId: String, itemId: String, notes: String, reason: String)
    case takeDecision(decisionId: String, meetingId: String, text: String, ownerDepartment: String, dossierId: String?, due: String?)
    case completeDecision(decisionId: String, note: String?)
    /// `privacy.erase`: the free texts of a dossier (or the one text `ref`), restricted to
    /// `fields` when given. Exactly one of `dossierId` and `ref`.
    case erasePersonalData(dossierId: String?, ref: String?, fields: [String]?, reason: String, requestRef: String?)

    /// The stream the command appends to, which its expected version refers to.
    package var stream: String {
        switch self {
        case let .defineArea(code, _, _, _): return "area-\(code)"
        case let .registerDepartment(id, _, _): return "department-\(id)"
        case let .registerPrincipal(id, _, _, _, _, _), let .revokePrincipal(id): return "principal-\(id)"
        case let .establishTable(id, _, _, _), let .addTableMember(id, _), let .removeTableMember(id, _): return "table-\(id)"
        case let .raiseDossier(id, _, _, _, _, _), let .assignDepartment(id, _, _), let .unassignDepartment(id, _),
            let .updateStatus(id, _, _, _), let .setDeadline(id, _), let .escalate(id, _, _), let .resolveEscalation(id, _),
            let .closeDossier(id, _), let .reopenDossier(id, _), let .setConfidentiality(id, _, _):
            return "dossier-\(id)"
        case let .scheduleMeeting(id, _, _, _), let .addAgendaItem(id, _, _, _, _), let .removeAgendaItem(id, _),
            let .moveAgendaItem(id, _, _), let .recordDiscussion(id, _, _), let .closeMeeting(id),
            let .recordAttendance(id, _, _, _), let .rescheduleMeeting(id, _, _, _), let .cancelMeeting(id, _), let .finaliseAgenda(id),
            let .approveMinutes(id), let .amendNotes(id, _, _, _):
            return "meeting-\(id)"
        case let .takeDecision(id, _, _, _, _, _), let .completeDecision(id, _): return "decision-\(id)"
        // As PersonalDataErased.stream: the dossier's stream, or the privacy officer's own.
        case let .erasePersonalData(dossierId, _, _, _, _): return dossierId.map { "dossier-\($0)" } ?? "privacy"
        }
    }
}
