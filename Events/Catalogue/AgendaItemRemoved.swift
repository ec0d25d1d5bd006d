/// An item was taken off a meeting's agenda.
public struct AgendaItemRemoved: DomainEvent {
    public static let eventType = "AgendaItemRemoved"

    public var meetingId: String
    public var itemId: String

    public init(meetingId: String, itemId: String) {
        self.meetingId = meetingId
        self.itemId = itemId
    }

    public var stream: String { "meeting-\(meetingId)" }
}

extension AgendaItemRemoved {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("itemId", .string(itemId)))
        members.append(("meetingId", .string(meetingId)))
        return .object(members)
    }
}
