/// The stable ids of the business rules, as `error.data.rule` names them to clients.
package enum Rule {
    /// A department may only update its own status, on dossiers assigned to it.
    package static let departmentOwnStatus = "department_own_status"
    /// A closed dossier takes no status updates, assignments or agenda placement until reopened.
    package static let dossierClosed = "dossier_closed"
    /// A dossier cannot be closed (or escalated again) while an escalation is unresolved.
    package static let escalationOpen = "escalation_open"
    /// Agenda items can only change while the meeting is not closed.
    package static let meetingClosed = "meeting_closed"
    /// A dossier appears at most once per agenda.
    package static let dossierOncePerAgenda = "dossier_once_per_agenda"
    /// An agenda item moves to a position the agenda has: it depends on the agenda, so it is
    /// a rule, judged after role and version, not a parameter check.
    package static let positionBeyondItems = "position_beyond_items"
    /// Only members of a table are assigned its dossiers.
    package static let assigneeNotMember = "assignee_not_member"
    /// A dossier has at most one lead department.
    package static let singleLead = "single_lead"
    /// The id is already in use.
    package static let alreadyExists = "already_exists"
    /// The department is already a member / assigned.
    package static let alreadyMember = "already_member"
    package static let notMember = "not_member"
    package static let notAssigned = "not_assigned"
    /// There is no open escalation to resolve.
    package static let noOpenEscalation = "no_open_escalation"
    /// Only a closed dossier can be reopened.
    package static let dossierNotClosed = "dossier_not_closed"
    /// A completed decision stays completed.
    package static let decisionCompleted = "decision_completed"
    /// A revoked principal stays revoked (register it again to re-key).
    package static let principalRevoked = "principal_revoked"
    /// A dossier on an agenda belongs to that meeting's table.
    package static let dossierOfOtherTable = "dossier_of_other_table"
    /// A decision on a dossier is taken at a meeting of the dossier's own table.
    package static let decisionOfOtherTable = "decision_of_other_table"
    /// A decision's owner department sits at the table that takes it.
    package static let ownerNotMember = "owner_not_member"
    /// A dossier's area lies inside its table's stadsdeel.
    package static let areaOutsideStadsdeel = "area_outside_stadsdeel"
    /// An area's parent must be one level up: wijk under stadsdeel or gemeente, buurt under wijk.
    package static let areaHierarchy = "area_hierarchy"
    /// A cancelled meeting takes no change: no agenda, attendance, date, discussion or closing.
    package static let meetingCancelled = "meeting_cancelled"
    /// After `agenda.finalise` an item goes on the agenda only as a late one (`late: true`).
    package static let agendaFinal = "agenda_final"
    /// Attendance is recorded for the departments that sit at the meeting's table.
    package static let attendeeNotMember = "attendee_not_member"
    /// Approved minutes change only through `meeting.amendNotes` (and are approved once).
    package static let minutesApproved = "minutes_approved"
    /// Only the minutes of a closed meeting can be approved.
    package static let meetingNotClosed = "meeting_not_closed"
}
