/// An agenda item moved to another place (1-based) in its meeting's order.
public struct AgendaItemMoved: DomainEvent {
    public static let eventType = "AgendaItemMoved"

    public var meetingId: String
    public var itemId: String
    public var position: Int

    public init(meetingId: String, itemId: String, position: Int) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.position = position
    }

    public var stream: String { "meeting-\(meetingId)" }
}
