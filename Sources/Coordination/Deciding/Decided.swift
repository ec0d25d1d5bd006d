import Events

/// What a decider decided: the events to append to one stream, atomically, at the
/// stream's version the decision was made on, and the versions of the other streams it
/// read (``conditions``), which must not have moved either.
public struct Decided: Sendable {
    public var stream: String
    public var expectedVersion: Int64
    public var events: [any DomainEvent]
    /// Other streams the decision read, at the versions it read them (for ``EventStore/AppendRequest/conditions``).
    public var conditions: [String: Int64] = [:]

    /// The events as `(type, data)` pairs, for comparing in tests and for the store.
    public var records: [EventRecord] { events.map { EventRecord($0) } }
}

/// An event's type and body, comparable.
public struct EventRecord: Sendable, Equatable, CustomStringConvertible {
    public var type: String
    public var data: JSONValue

    public init(_ event: some DomainEvent) {
        type = Swift.type(of: event).eventType
        data = event.data
    }

    public var description: String { "\(type) \(data.canonicalString)" }
}
