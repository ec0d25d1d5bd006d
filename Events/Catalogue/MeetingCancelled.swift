/// A meeting will not take place, with the reason; its undiscussed items carry over to the
/// table's next meeting exactly as when it is closed.
package struct MeetingCancelled: DomainEvent {
    package static let eventType = "MeetingCancelled"

    package var meetingId: String
    package var reason: FreeText

    package init(meetingId: String, reason: FreeText) {
        self.meetingId = meetingId
        self.reason = reason
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension MeetingCancelled {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("meetingId", .string(meetingId)))
        members.append(("reason", reason.json))
        return .object(members)
    }
}
