/// One event as the log holds it: the body plus everything an auditor needs to place it.
///
/// The store assigns `position`, `version`, `previousHash` and `hash`; the rest comes from
/// the command that produced the event. See EventLog.md in EventStore.docc.
package struct EventEnvelope: Sendable, Equatable {
    /// Global, gapless, starting at 1.
    package var position: Int64
    /// `dossier-<id>`, `table-<id>`, `meeting-<id>`, …
    package var stream: String
    /// Per stream, gapless, starting at 1.
    package var version: Int64
    package var type: String
    package var schemaVersion: Int64
    package var eventId: String
    package var recordedAt: Timestamp
    package var actor: Actor
    package var correlationId: String
    package var causationId: String?
    package var requestId: String?
    /// The salted fingerprint of the command a `requestId` was first answered for (see
    /// ``RequestDigest``), on the first event of that append only; `nil` on every other
    /// event and on logs written before it existed. Absent, it is left out of the canonical
    /// form, so older envelopes keep their bytes and hashes.
    package var requestDigest: String?
    package var data: JSONValue
    /// Hex SHA-256 of the previous event (64 zeros for position 1).
    package var previousHash: String
    /// Hex SHA-256 over `previousHash` and this envelope's canonical form.
    package var hash: String

    package init(
        position: Int64, stream: String, version: Int64, type: String, schemaVersion: Int64, eventId: String,
        recordedAt: Timestamp, actor: Actor, correlationId: String, causationId: String?, requestId: String?,
        requestDigest: String? = nil, data: JSONValue, previousHash: String, hash: String
    ) {
        self.position = position
        self.stream = stream
        self.version = version
        self.type = type
        self.schemaVersion = schemaVersion
        self.eventId = eventId
        self.recordedAt = recordedAt
        self.actor = actor
        self.correlationId = correlationId
        self.causationId = causationId
        self.requestId = requestId
        self.requestDigest = requestDigest
        self.data = data
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The members hashed by the chain: every field but the two hashes, in canonical order.
    package func hashedMembers() -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("actor", actor.json),
            ("causationId", causationId.map(JSONValue.string) ?? .null),
            ("correlationId", .string(correlationId)),
            ("data", data),
            ("eventId", .string(eventId)),
            ("position", .int(position)),
            ("recordedAt", .string(recordedAt.iso8601)),
            ("requestId", requestId.map(JSONValue.string) ?? .null),
            ("schemaVersion", .int(schemaVersion)),
            ("stream", .string(stream)),
            ("type", .string(type)),
            ("version", .int(version)),
        ]
        if let requestDigest { members.insert(("requestDigest", .string(requestDigest)), at: 7) }
        return members
    }

    /// `canonical(n)` of EventLog.md (EventStore.docc): the envelope without `previousHash` and `hash`, as
    /// canonical JSON.
    package var canonicalBytes: [UInt8] {
        CanonicalTemplate(self).render(position: position, recordedAt: Array(recordedAt.iso8601.utf8), version: version)
    }

    /// The whole envelope, hashes included, as a JSON value (the export and API form).
    package var json: JSONValue {
        var members = hashedMembers()
        members.insert(("hash", .string(hash)), at: 5)
        members.insert(("previousHash", .string(previousHash)), at: 7)
        return .object(members)
    }
}
