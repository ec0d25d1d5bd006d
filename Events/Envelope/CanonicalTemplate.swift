/// `canonical(n)` of an envelope, split around the three fields only the store can fill in:
/// `position`, `recordedAt` and `version`.
///
/// The canonical form orders keys, so an envelope's bytes are
/// `head ‖ position ‖ ,"recordedAt":"…" ‖ middle ‖ ,"version": ‖ version ‖ }`. Building
/// `head` and `middle` (the costly part: the event body) happens before an append reaches
/// the store's single writer, which then only splices numbers in. It is also the one
/// definition of ``EventEnvelope/canonicalBytes``; a test checks it against the generic
/// canonical JSON encoding.
package struct CanonicalTemplate: Sendable, Equatable {
    let head: [UInt8]
    let middle: [UInt8]

    package init(
        actor: Actor, causationId: String?, correlationId: String, data: JSONValue, eventId: String,
        requestDigest: String? = nil, requestId: String?, schemaVersion: Int64, stream: String, type: String
    ) {
        var head: [UInt8] = []
        head.reserveCapacity(512)
        head.append(contentsOf: #"{"actor":"#.utf8)
        actor.json.writeCanonical(into: &head)
        head.append(contentsOf: #","causationId":"#.utf8)
        (causationId.map(JSONValue.string) ?? .null).writeCanonical(into: &head)
        head.append(contentsOf: #","correlationId":"#.utf8)
        JSONValue.writeString(correlationId, into: &head)
        head.append(contentsOf: #","data":"#.utf8)
        data.writeCanonical(into: &head)
        head.append(contentsOf: #","eventId":"#.utf8)
        JSONValue.writeString(eventId, into: &head)
        head.append(contentsOf: #","position":"#.utf8)
        var middle: [UInt8] = []
        middle.reserveCapacity(requestDigest == nil ? 128 : 224)
        if let requestDigest {
            middle.append(contentsOf: #","requestDigest":"#.utf8)
            JSONValue.writeString(requestDigest, into: &middle)
        }
        middle.append(contentsOf: #","requestId":"#.utf8)
        (requestId.map(JSONValue.string) ?? .null).writeCanonical(into: &middle)
        middle.append(contentsOf: #","schemaVersion":"#.utf8)
        middle.append(contentsOf: String(schemaVersion).utf8)
        middle.append(contentsOf: #","stream":"#.utf8)
        JSONValue.writeString(stream, into: &middle)
        middle.append(contentsOf: #","type":"#.utf8)
        JSONValue.writeString(type, into: &middle)
        self.head = head
        self.middle = middle
    }

    /// The template of an existing envelope.
    package init(_ envelope: EventEnvelope) {
        self.init(
            actor: envelope.actor, causationId: envelope.causationId, correlationId: envelope.correlationId,
            data: envelope.data, eventId: envelope.eventId, requestDigest: envelope.requestDigest,
            requestId: envelope.requestId,
            schemaVersion: envelope.schemaVersion, stream: envelope.stream, type: envelope.type)
    }

    /// The complete `canonical(n)`; `recordedAt` is the ISO 8601 text as UTF-8.
    package func render(position: Int64, recordedAt: [UInt8], version: Int64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(head.count + middle.count + 80)
        out.append(contentsOf: head)
        out.append(contentsOf: String(position).utf8)
        out.append(contentsOf: #","recordedAt":""#.utf8)
        out.append(contentsOf: recordedAt)
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: middle)
        out.append(contentsOf: #","version":"#.utf8)
        out.append(contentsOf: String(version).utf8)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
