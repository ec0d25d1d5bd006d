/// An agenda item was discussed at the meeting, with optional notes.
package struct DiscussionRecorded: DomainEvent {
    package static let eventType = "DiscussionRecorded"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var meetingId: String
    package var itemId: String
    package var notes: FreeText?

    package init(meetingId: String, itemId: String, notes: FreeText? = nil) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.notes = notes
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension DiscussionRecorded {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), itemId: try fields.string("itemId"), notes: try fields.optionalFreeText("notes"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(3)
        members.append(("itemId", .string(itemId)))
        members.append(("meetingId", .string(meetingId)))
        if let notes { members.append(("notes", notes.json)) }
        return .object(members)
    }
}
