import Events
import Projections

extension Decider.Context {
    /// What a table produces around a meeting: attendance, rescheduling, cancelling, the
    /// final agenda, approved minutes and amended notes.
    func decideMeetingOutput(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        let meetingId: String
        switch command {
        case let .recordAttendance(id, _, _, _), let .rescheduleMeeting(id, _, _, _), let .cancelMeeting(id, _), let .finaliseAgenda(id),
            let .approveMinutes(id), let .amendNotes(id, _, _, _):
            meetingId = id
        default: preconditionFailure("not a meeting output command")
        }
        let meeting = try meeting(meetingId)
        let table = try table(meeting.tableId)
        func notClosed() throws(DomainError) {
            if meeting.closed { throw .rule(Rule.meetingClosed, "meeting \(meetingId) is closed") }
        }

        switch command {
        case let .recordAttendance(_, departmentId, presence, delegate):
            try department(departmentId)
            try authorize(command)
            try checkVersion()
            try Self.notCancelled(meeting)
            // The attendance list is part of the minutes: filled in until they are approved.
            if meeting.minutesApproved { throw .rule(Rule.minutesApproved, "the minutes of meeting \(meetingId) are approved") }
            if !table.members.contains(departmentId) {
                throw .rule(Rule.attendeeNotMember, "\(departmentId) does not sit at table \(table.tableId)")
            }
            return [MeetingAttendanceRecorded(meetingId: meetingId, departmentId: departmentId, presence: presence, delegate: seals.seal(delegate))]

        case let .rescheduleMeeting(_, date, location, reason):
            try authorize(command)
            try checkVersion()
            try Self.notCancelled(meeting)
            try notClosed()
            // Already so: nothing to append (see ``Decider``).
            if meeting.date == date, location == nil || location == meeting.location { return [] }
            return [MeetingRescheduled(meetingId: meetingId, date: date, location: location, reason: seals.seal(reason))]

        case let .cancelMeeting(_, reason):
            try authorize(command)
            try checkVersion()
            try Self.notCancelled(meeting)
            try notClosed()
            return [MeetingCancelled(meetingId: meetingId, reason: seals.seal(reason))]

        case .finaliseAgenda:
            try authorize(command)
            try checkVersion()
            try Self.notCancelled(meeting)
            try notClosed()
            // Already final: nothing to append (see ``Decider``).
            if meeting.finalised { return [] }
            return [AgendaFinalised(meetingId: meetingId)]

        case .approveMinutes:
            try authorize(command)
            try checkVersion()
            try Self.notCancelled(meeting)
            if !meeting.closed { throw .rule(Rule.meetingNotClosed, "meeting \(meetingId) is not closed; close it before approving its minutes") }
            if meeting.minutesApproved { throw .rule(Rule.minutesApproved, "the minutes of meeting \(meetingId) are already approved") }
            return [MinutesApproved(meetingId: meetingId)]

        case let .amendNotes(_, itemId, notes, reason):
            guard meeting.items.contains(where: { $0.itemId == itemId }) else { throw .notFound("no item \(itemId) on meeting \(meetingId)") }
            try authorize(command)
            try checkVersion()
            try Self.notCancelled(meeting)
            return [NotesAmended(meetingId: meetingId, itemId: itemId, notes: seals.seal(notes), reason: seals.seal(reason))]

        default:
            preconditionFailure("not a meeting output command")
        }
    }

    /// `meeting_cancelled` for a cancelled meeting: it takes no change at all.
    static func notCancelled(_ meeting: MeetingRecord) throws(DomainError) {
        if meeting.cancelled { throw .rule(Rule.meetingCancelled, "meeting \(meeting.meetingId) is cancelled") }
    }
}
