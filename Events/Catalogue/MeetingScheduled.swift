/// A meeting of a table was planned on a date.
package struct MeetingScheduled: DomainEvent {
    package static let eventType = "MeetingScheduled"

    package var meetingId: String
    package var tableId: String
    package var date: String
    package var location: String?

    package init(meetingId: String, tableId: String, date: String, location: String? = nil) {
        self.meetingId = meetingId
        self.tableId = tableId
        self.date = date
        self.location = location
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension MeetingScheduled {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), tableId: try fields.string("tableId"), date: try fields.string("date"), location: try fields.optionalString("location"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("date", .string(date)))
        if let location { members.append(("location", .string(location))) }
        members.append(("meetingId", .string(meetingId)))
        members.append(("tableId", .string(tableId)))
        return .object(members)
    }
}
