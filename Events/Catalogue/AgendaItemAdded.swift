/// A dossier or a free topic was put on a meeting's agenda; `late` when the agenda was
/// already final (``AgendaFinalised``).
package struct AgendaItemAdded: DomainEvent {
    package static let eventType = "AgendaItemAdded"

    package var meetingId: String
    package var itemId: String
    package var dossierId: String?
    package var topic: String?
    /// `true` for an item added after the agenda was finalised; absent otherwise, so that
    /// bodies written before late items existed read the same.
    package var late: Bool?

    package init(meetingId: String, itemId: String, dossierId: String? = nil, topic: String? = nil, late: Bool? = nil) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.dossierId = dossierId
        self.topic = topic
        self.late = late
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension AgendaItemAdded {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"), dossierId: try fields.optionalString("dossierId"), topic: try fields.optionalString("topic"),
            late: try fields.optionalBool("late"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(5)
        if let dossierId { members.append(("dossierId", .string(dossierId))) }
        members.append(("itemId", .string(itemId)))
        if let late { members.append(("late", .bool(late))) }
        members.append(("meetingId", .string(meetingId)))
        if let topic { members.append(("topic", .string(topic))) }
        return .object(members)
    }
}
