/// A meeting moved to another date (and, when given, another location), with the reason.
package struct MeetingRescheduled: DomainEvent {
    package static let eventType = "MeetingRescheduled"

    package var meetingId: String
    package var date: String
    /// The new location; absent when the meeting stays where it was.
    package var location: String?
    package var reason: FreeText

    package init(meetingId: String, date: String, location: String? = nil, reason: FreeText) {
        self.meetingId = meetingId
        self.date = date
        self.location = location
        self.reason = reason
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension MeetingRescheduled {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(
            meetingId: try fields.string("meetingId"), date: try fields.string("date"), location: try fields.optionalString("location"),
            reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("date", .string(date)))
        if let location { members.append(("location", .string(location))) }
        members.append(("meetingId", .string(meetingId)))
        members.append(("reason", reason.json))
        return .object(members)
    }
}
