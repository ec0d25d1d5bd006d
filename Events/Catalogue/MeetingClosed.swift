/// A meeting ended; its undiscussed items carry over to the table's next meeting.
public struct MeetingClosed: DomainEvent {
    public static let eventType = "MeetingClosed"

    public var meetingId: String

    public init(meetingId: String) {
        self.meetingId = meetingId
    }

    public var stream: String { "meeting-\(meetingId)" }
}
