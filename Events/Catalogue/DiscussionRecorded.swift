/// An agenda item was discussed at the meeting, with optional notes.
public struct DiscussionRecorded: DomainEvent {
    public static let eventType = "DiscussionRecorded"

    public var meetingId: String
    public var itemId: String
    public var notes: String?

    public init(meetingId: String, itemId: String, notes: String? = nil) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.notes = notes
    }

    public var stream: String { "meeting-\(meetingId)" }
}
