/// An item not discussed at an earlier meeting was placed on this meeting's agenda.
public struct AgendaItemCarriedOver: DomainEvent {
    public static let eventType = "AgendaItemCarriedOver"

    public var meetingId: String
    public var itemId: String
    public var fromMeetingId: String
    public var fromItemId: String
    public var dossierId: String?
    public var topic: String?
    public var position: Int

    public init(meetingId: String, itemId: String, fromMeetingId: String, fromItemId: String, dossierId: String? = nil, topic: String? = nil, position: Int) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.fromMeetingId = fromMeetingId
        self.fromItemId = fromItemId
        self.dossierId = dossierId
        self.topic = topic
        self.position = position
    }

    public var stream: String { "meeting-\(meetingId)" }
}

extension AgendaItemCarriedOver {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"), fromMeetingId: try fields.string("fromMeetingId"), fromItemId: try fields.string("fromItemId"), dossierId: try fields.optionalString("dossierId"), topic: try fields.optionalString("topic"), position: try fields.int("position"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(7)
        if let dossierId { members.append(("dossierId", .string(dossierId))) }
        members.append(("fromItemId", .string(fromItemId)))
        members.append(("fromMeetingId", .string(fromMeetingId)))
        members.append(("itemId", .string(itemId)))
        members.append(("meetingId", .string(meetingId)))
        members.append(("position", .int(Int64(position))))
        if let topic { members.append(("topic", .string(topic))) }
        return .object(members)
    }
}
