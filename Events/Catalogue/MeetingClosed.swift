/// A meeting ended; its undiscussed items carry over to the table's next meeting.
package struct MeetingClosed: DomainEvent {
    package static let eventType = "MeetingClosed"

    package var meetingId: String

    package init(meetingId: String) {
        self.meetingId = meetingId
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension MeetingClosed {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(1)
        members.append(("meetingId", .string(meetingId)))
        return .object(members)
    }
}
