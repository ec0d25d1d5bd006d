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
