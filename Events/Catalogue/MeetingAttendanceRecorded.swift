/// Whether a member department was at a meeting (present, absent or excused), and who came
/// on its behalf: the attendance list of the verslag. Recorded again for the same
/// department, the later record counts.
package struct MeetingAttendanceRecorded: DomainEvent {
    package static let eventType = "MeetingAttendanceRecorded"

    package var meetingId: String
    package var departmentId: String
    /// `present`, `absent` or `excused`.
    package var presence: String
    /// The name of the person who attended for the department: personal data, sealed
    /// beside the log (``FreeText``).
    package var delegate: FreeText?

    package init(meetingId: String, departmentId: String, presence: String, delegate: FreeText? = nil) {
        self.meetingId = meetingId
        self.departmentId = departmentId
        self.presence = presence
        self.delegate = delegate
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension MeetingAttendanceRecorded {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(
            meetingId: try fields.string("meetingId"), departmentId: try fields.string("departmentId"), presence: try fields.string("presence"),
            delegate: try fields.optionalFreeText("delegate"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        if let delegate { members.append(("delegate", delegate.json)) }
        members.append(("departmentId", .string(departmentId)))
        members.append(("meetingId", .string(meetingId)))
        members.append(("presence", .string(presence)))
        return .object(members)
    }
}
