/// The verslag of a closed meeting was approved: its notes change only through
/// ``NotesAmended`` from now on.
package struct MinutesApproved: DomainEvent {
    package static let eventType = "MinutesApproved"

    package var meetingId: String

    package init(meetingId: String) {
        self.meetingId = meetingId
    }

    package var stream: String { "meeting-\(meetingId)" }
}

extension MinutesApproved {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        .object([("meetingId", .string(meetingId))])
    }
}
