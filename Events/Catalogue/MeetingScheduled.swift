/// A meeting of a table was planned on a date.
public struct MeetingScheduled: DomainEvent {
    public static let eventType = "MeetingScheduled"

    public var meetingId: String
    public var tableId: String
    public var date: String
    public var location: String?

    public init(meetingId: String, tableId: String, date: String, location: String? = nil) {
        self.meetingId = meetingId
        self.tableId = tableId
        self.date = date
        self.location = location
    }

    public var stream: String { "meeting-\(meetingId)" }
}
