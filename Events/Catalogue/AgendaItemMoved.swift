/// An agenda item moved to another place (1-based) in its meeting's order.
package struct AgendaItemMoved: DomainEvent {
    package static let eventType = "AgendaItemMoved"

    package var meetingId: String
    package var itemId: String
    package var position: Int

    package init(meetingId: String, itemId: String, position: Int) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.position = position
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension AgendaItemMoved {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"), position: try fields.int("position"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(3)
        members.append(("itemId", .string(itemId)))
        members.append(("meetingId", .string(meetingId)))
        members.append(("position", .int(Int64(position))))
        return .object(members)
    }
}
