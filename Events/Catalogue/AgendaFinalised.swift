/// A meeting's agenda was sent out as final: an item added afterwards is a late item.
package struct AgendaFinalised: DomainEvent {
    package static let eventType = "AgendaFinalised"

    package var meetingId: String

    package init(meetingId: String) {
        self.meetingId = meetingId
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension AgendaFinalised {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        .object([("meetingId", .string(meetingId))])
    }
}
