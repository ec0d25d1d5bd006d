/// An item not discussed at an earlier meeting was placed on this meeting's agenda.
package struct AgendaItemCarriedOver: DomainEvent {
    package static let eventType = "AgendaItemCarriedOver"

    package var meetingId: String
    package var itemId: String
    package var fromMeetingId: String
    package var fromItemId: String
    package var dossierId: String?
    package var topic: String?
    package var position: Int

    package init(meetingId: String, itemId: String, fromMeetingId: String, fromItemId: String, dossierId: String? = nil, topic: String? = nil, position: Int) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.fromMeetingId = fromMeetingId
        self.fromItemId = fromItemId
        self.dossierId = dossierId
        self.topic = topic
        self.position = position
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension AgendaItemCarriedOver {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"), fromMeetingId: try fields.string("fromMeetingId"), fromItemId: try fields.string("fromItemId"), dossierId: try fields.optionalString("dossierId"), topic: try fields.optionalString("topic"), position: try fields.int("position"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
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
