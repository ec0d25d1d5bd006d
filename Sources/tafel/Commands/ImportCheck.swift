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
    /// Texts read but not yet claimed by an envelope, with their digests.
    private var unclaimed: [String: String] = [:]
    /// References the envelopes so far refer to.
    private var referenced: Set<String> = []
    private(set) var textCount = 0

    init(after head: LogHead) {
        position = head.position
        previous = Hex.decode(head.hash) ?? HashChain.genesis
    }

    /// Accepts a text line of `tafel export --texts`: it must come before the envelope that
    /// refers to it, once.
    mutating func accept(_ text: SealedText) throws {
        if referenced.contains(text.ref) {
            throw ImportRefusal("text \(text.ref) comes after the envelope that refers to it")
        }
        if unclaimed.updateValue(text.digest, forKey: text.ref) != nil { throw ImportRefusal("text \(text.ref) appears twice") }
        if text.text.utf8.count > AppendRequest.maximumTextBytes || text.text.utf8.contains(0) {
            throw ImportRefusal("text \(text.ref) is longer than \(AppendRequest.maximumTextBytes) bytes or holds U+0000")
        }
        textCount += 1
    }

    /// Refuses an import that leaves a text no envelope referred to.
    func finish() throws {
        if let ref = unclaimed.keys.min() { throw ImportRefusal("text \(ref) belongs to no envelope") }
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
        for (field, text) in FreeText.sealed(in: envelope.data) {
            referenced.insert(text.ref)
            guard let digest = unclaimed.removeValue(forKey: text.ref) else { continue }
            if digest != text.digest {
                throw ImportRefusal("position \(envelope.position): the text of \(field) (\(text.ref)) does not match its digest")
            }
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
