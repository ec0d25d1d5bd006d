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
