import Events

/// What a decider decided: the events to append to one stream, atomically, at the
/// stream's version the decision was made on, and the versions of the other streams it
/// read (``conditions``), which must not have moved either.
package struct Decided: Sendable {
    package var stream: String
    package var expectedVersion: Int64
    package var events: [any DomainEvent]
    /// Other streams the decision read, at the versions it read them (for ``EventStore/AppendRequest/conditions``).
    package var conditions: [String: Int64] = [:]
    /// The free texts the events refer to, for ``EventStore/AppendRequest/texts``.
    package var texts: [SealedText] = []
    /// The sealed texts an erasure removes from the side store, for ``EventStore/AppendRequest/erasing``.
    package var erasing: [String] = []

    /// The events as `(type, data)` pairs, for comparing in tests and for the store.
    package var records: [EventRecord] { events.map { EventRecord($0) } }
}

/// An event's type and body, comparable.
package struct EventRecord: Sendable, Equatable, CustomStringConvertible {
    package var type: String
    package var data: JSONValue

    package init(_ event: some DomainEvent) {
        type = Swift.type(of: event).eventType
        data = event.data
    }

    package var description: String { "\(type) \(data.canonicalString)" }
}
