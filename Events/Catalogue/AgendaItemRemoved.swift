/// An item was taken off a meeting's agenda.
package struct AgendaItemRemoved: DomainEvent {
    package static let eventType = "AgendaItemRemoved"

    package var meetingId: String
    package var itemId: String

    package init(meetingId: String, itemId: String) {
        self.meetingId = meetingId
        self.itemId = itemId
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension AgendaItemRemoved {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("itemId", .string(itemId)))
        members.append(("meetingId", .string(meetingId)))
        return .object(members)
    }
}
