import EventStore
import Events

/// The first pass of `tafel import`: whether an envelope may follow the ones before it,
/// decided before anything is written.
///
/// An envelope must continue the target's chain (position, previous hash, its own hash),
/// be the next version of its stream, and hold a body the event catalogue reads: a type and
/// schema version this build knows, with every member of the right type.
struct ImportCheck {
    private(set) var count = 0
    private var position: Int64
    private var previous: [UInt8]
    private var versions: [String: Int64] = [:]

    init(after head: LogHead) {
        position = head.position
        previous = Hex.decode(head.hash) ?? HashChain.genesis
    }

    /// Accepts `envelope` or names what is wrong with it.
    /// - Parameter storedVersion: the target's version of a stream the import has not touched yet.
    mutating func accept(_ envelope: EventEnvelope, storedVersion: (String) async throws -> Int64) async throws {
        switch HashChain.check(envelope, position: position + 1, previous: previous) {
        case let .failure(fault):
            throw ImportRefusal("position \(envelope.position): \(fault)")
        case let .success(hash):
            previous = hash
        }
        let current: Int64
        if let known = versions[envelope.stream] { current = known } else { current = try await storedVersion(envelope.stream) }
        guard envelope.version == current + 1 else {
            throw ImportRefusal(
                "position \(envelope.position): stream \(envelope.stream) is at version \(current), the envelope has \(envelope.version)")
        }
        guard let kind = EventCatalogue.kind(named: envelope.type) else {
            throw ImportRefusal("position \(envelope.position): unknown event type \(envelope.type)")
        }
        do {
            _ = try kind.init(data: try EventCatalogue.upcast(type: envelope.type, schemaVersion: envelope.schemaVersion, data: envelope.data))
        } catch {
            throw ImportRefusal("position \(envelope.position): \(error)")
        }
        versions[envelope.stream] = envelope.version
        position += 1
        count += 1
    }
}

/// Why an envelope cannot be imported.
struct ImportRefusal: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
