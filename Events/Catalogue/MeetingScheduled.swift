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

extension MeetingScheduled {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(meetingId: try fields.string("meetingId"), tableId: try fields.string("tableId"), date: try fields.string("date"), location: try fields.optionalString("location"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("date", .string(date)))
        if let location { members.append(("location", .string(location))) }
        members.append(("meetingId", .string(meetingId)))
        members.append(("tableId", .string(tableId)))
        return .object(members)
    }
}
