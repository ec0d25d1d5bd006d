/// The discussion notes of an agenda item were corrected, with the reason: the way notes
/// change once the minutes are approved. The earlier notes stay in the log.
package struct NotesAmended: DomainEvent {
    package static let eventType = "NotesAmended"

    package var meetingId: String
    package var itemId: String
    package var notes: FreeText
    package var reason: FreeText

    package init(meetingId: String, itemId: String, notes: FreeText, reason: FreeText) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.notes = notes
        self.reason = reason
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension NotesAmended {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(
            meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"), notes: try fields.freeText("notes"),
            reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("itemId", .string(itemId)))
        members.append(("meetingId", .string(meetingId)))
        members.append(("notes", notes.json))
        members.append(("reason", reason.json))
        return .object(members)
    }
}
