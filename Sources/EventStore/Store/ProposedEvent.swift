import Events

/// An event a decider produced, before the store gives it a position, a version and hashes.
public struct ProposedEvent: Sendable, Equatable {
    public var type: String
    public var schemaVersion: Int64
    public var eventId: String
    public var data: JSONValue

    public init(type: String, schemaVersion: Int64 = 1, eventId: String = ProposedEvent.newEventId(), data: JSONValue) {
        self.type = type
        self.schemaVersion = schemaVersion
        self.eventId = eventId
        self.data = data
    }

    /// Wraps a catalogued event.
    public init(_ event: some DomainEvent, eventId: String = ProposedEvent.newEventId()) {
        self.init(type: Swift.type(of: event).eventType, schemaVersion: Swift.type(of: event).schemaVersion, eventId: eventId,
            data: event.data)
    }

    /// A fresh random (version 4) UUID in lower case.
    public static func newEventId() -> String {
        EventId.random()
    }
}
