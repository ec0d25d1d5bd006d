import Events

/// An event a decider produced, before the store gives it a position, a version and hashes.
package struct ProposedEvent: Sendable, Equatable {
    package var type: String
    package var schemaVersion: Int64
    package var eventId: String
    package var data: JSONValue

    package init(type: String, schemaVersion: Int64 = 1, eventId: String = ProposedEvent.newEventId(), data: JSONValue) {
        self.type = type
        self.schemaVersion = schemaVersion
        self.eventId = eventId
        self.data = data
    }

    /// Wraps a catalogued event.
    package init(_ event: some DomainEvent, eventId: String = ProposedEvent.newEventId()) {
        self.init(type: Swift.type(of: event).eventType, schemaVersion: Swift.type(of: event).schemaVersion, eventId: eventId,
            data: event.data)
    }

    /// A fresh random (version 4) UUID in lower case.
    package static func newEventId() -> String {
        EventId.random()
    }
}
