import Foundation

/// One kind of thing that happened at a stadsdeeltafel, as a Swift type.
///
/// Every event kind has its own type, a stable `eventType` name written into the
/// envelope, and a `schemaVersion`; when a body changes shape, the version goes up and an
/// upcaster in ``EventCatalogue`` lifts older bodies, so the log is never rewritten.
public protocol DomainEvent: Codable, Sendable, Equatable {
    /// The envelope's `type`; never changes once events of this kind have been written.
    static var eventType: String { get }
    /// The current shape of the body.
    static var schemaVersion: Int64 { get }
    /// The stream this event belongs to (`dossier-<id>`, `table-<id>`, …).
    var stream: String { get }
}

extension DomainEvent {
    public static var schemaVersion: Int64 { 1 }

    /// The body as JSON, ready for an envelope's `data`.
    public var data: JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let bytes = try? encoder.encode(self), let value = try? JSONParser.parse(bytes) else {
            preconditionFailure("an event body of \(Self.eventType) did not encode as JSON")
        }
        return value
    }

    /// Reads a body of this kind from an envelope's `data`.
    /// - Throws: `DecodingError` when the body does not have this kind's shape.
    public init(data: JSONValue) throws {
        self = try JSONValueDecoder().decode(Self.self, from: data)
    }
}
