/// A dossier or a free topic was put on a meeting's agenda.
package struct AgendaItemAdded: DomainEvent {
    package static let eventType = "AgendaItemAdded"

    package var meetingId: String
    package var itemId: String
    package var dossierId: String?
    package var topic: String?

    package init(meetingId: String, itemId: String, dossierId: String? = nil, topic: String? = nil) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.dossierId = dossierId
        self.topic = topic
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension AgendaItemAdded {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"), dossierId: try fields.optionalString("dossierId"), topic: try fields.optionalString("topic"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        if let dossierId { members.append(("dossierId", .string(dossierId))) }
        members.append(("itemId", .string(itemId)))
        members.append(("meetingId", .string(meetingId)))
        if let topic { members.append(("topic", .string(topic))) }
        return .object(members)
    }
}
