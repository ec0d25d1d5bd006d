/// One kind of thing that happened at a stadsdeeltafel, as a Swift type.
///
/// Every event kind has its own type, a stable `eventType` name written into the
/// envelope, and a `schemaVersion`; when a body changes shape, the version goes up and an
/// upcaster in ``EventCatalogue`` lifts older bodies, so the log is never rewritten.
package protocol DomainEvent: Codable, Sendable, Equatable {
    /// The envelope's `type`; never changes once events of this kind have been written.
    static var eventType: String { get }
    /// The current shape of the body.
    static var schemaVersion: Int64 { get }
    /// The stream this event belongs to (`dossier-<id>`, `table-<id>`, …).
    var stream: String { get }
    /// The body as JSON for an envelope's `data`: keys sorted, absent optionals left out —
    /// exactly what `Codable` would write (a test holds each kind to that).
    var data: JSONValue { get }
    /// Reads a body of this kind from an envelope's `data`.
    /// - Throws: ``EventFields/Mismatch`` when the body does not have this kind's shape.
    init(data: JSONValue) throws
}

extension DomainEvent {
    package static var schemaVersion: Int64 { 1 }
}
