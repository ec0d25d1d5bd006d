/// A dossier or a free topic was put on a meeting's agenda.
public struct AgendaItemAdded: DomainEvent {
    public static let eventType = "AgendaItemAdded"

    public var meetingId: String
    public var itemId: String
    public var dossierId: String?
    public var topic: String?

    public init(meetingId: String, itemId: String, dossierId: String? = nil, topic: String? = nil) {
        self.meetingId = meetingId
        self.itemId = itemId
        self.dossierId = dossierId
        self.topic = topic
    }

    public var stream: String { "meeting-\(meetingId)" }
}
