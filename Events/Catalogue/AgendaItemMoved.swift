/// An agenda item moved to another place (1-based) in its meeting's order.
public struct AgendaItemMoved: DomainEvent {
    public static let eventType = "AgendaItemMoved"

    public var meetingId: String
    public var itemId: String
    public var position: Int

    public init(meetingId: String, itemId: String, position: Int) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.position = position
    }

    public var stream: String { "meeting-\(meetingId)" }
}

extension AgendaItemMoved {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"), position: try fields.int("position"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(3)
        members.append(("itemId", .string(itemId)))
        members.append(("meetingId", .string(meetingId)))
        members.append(("position", .int(Int64(position))))
        return .object(members)
    }
}
