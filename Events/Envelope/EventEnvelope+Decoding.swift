/// Why a JSON value is not a valid envelope: which field, and what is wrong with it.
package struct EnvelopeDecodingError: Error, Sendable, CustomStringConvertible {
    package var field: String
    package var reason: String

    package var description: String { "envelope field '\(field)': \(reason)" }
}

extension EventEnvelope {
    /// Reads an envelope from its JSON form (the log record, an export line, an API reply).
    /// - Throws: ``EnvelopeDecodingError`` naming the first missing or mistyped field.
    package init(json: JSONValue) throws(EnvelopeDecodingError) {
        guard case .string(let previousHash)? = json["previousHash"] else {
            throw EnvelopeDecodingError(field: "previousHash", reason: "expected a string")
        }
        guard case .string(let hash)? = json["hash"] else {
            throw EnvelopeDecodingError(field: "hash", reason: "expected a string")
        }
        try self.init(hashedJSON: json, previousHash: previousHash, hash: hash)
    }

    /// Reads an envelope from `canonical(n)` (the form without hashes) plus its two hashes,
    /// the way the file store keeps records.
    package init(hashedJSON json: JSONValue, previousHash: String, hash: String) throws(EnvelopeDecodingError) {
        guard case let .object(members) = json else {
            throw EnvelopeDecodingError(field: "", reason: "not an object")
        }
        // One pass over the dozen members (replay reads millions of envelopes); where a name
        // repeats, the first one counts, as for a lookup by name.
        var position, version, schemaVersion: JSONValue?
        var stream, type, eventId, recordedText, correlationId, causationId, requestId, requestDigest, actor, data: JSONValue?
        for (name, value) in members {
            switch name {
            case "position": if position == nil { position = value }
            case "stream": if stream == nil { stream = value }
            case "version": if version == nil { version = value }
            case "type": if type == nil { type = value }
            case "schemaVersion": if schemaVersion == nil { schemaVersion = value }
            case "eventId": if eventId == nil { eventId = value }
            case "recordedAt": if recordedText == nil { recordedText = value }
            case "actor": if actor == nil { actor = value }
            case "correlationId": if correlationId == nil { correlationId = value }
            case "causationId": if causationId == nil { causationId = value }
            case "requestId": if requestId == nil { requestId = value }
            case "requestDigest": if requestDigest == nil { requestDigest = value }
            case "data": if data == nil { data = value }
            default: continue
            }
        }
        func string(_ value: JSONValue?, _ name: String) throws(EnvelopeDecodingError) -> String {
            guard case let .string(text)? = value else { throw EnvelopeDecodingError(field: name, reason: "expected a string") }
            return text
        }
        func optionalString(_ value: JSONValue?, _ name: String) throws(EnvelopeDecodingError) -> String? {
            switch value {
            case nil, .null?: return nil
            case let .string(text)?: return text
            default: throw EnvelopeDecodingError(field: name, reason: "expected a string or null")
            }
        }
        func integer(_ value: JSONValue?, _ name: String) throws(EnvelopeDecodingError) -> Int64 {
            guard case let .int(number)? = value else { throw EnvelopeDecodingError(field: name, reason: "expected an integer") }
            return number
        }

        guard let recordedAt = Timestamp(iso8601: try string(recordedText, "recordedAt")) else {
            throw EnvelopeDecodingError(field: "recordedAt", reason: "not an ISO 8601 UTC time")
        }
        guard case let .string(principalId)? = actor?["principalId"], case let .string(role)? = actor?["role"] else {
            throw EnvelopeDecodingError(field: "actor", reason: "expected {\"principalId\", \"role\"}")
        }
        guard let data else {
            throw EnvelopeDecodingError(field: "data", reason: "missing")
        }
        self.init(
            position: try integer(position, "position"),
            stream: try string(stream, "stream"),
            version: try integer(version, "version"),
            type: try string(type, "type"),
            schemaVersion: try integer(schemaVersion, "schemaVersion"),
            eventId: try string(eventId, "eventId"),
            recordedAt: recordedAt,
            actor: Actor(principalId: principalId, role: role),
            correlationId: try string(correlationId, "correlationId"),
            causationId: try optionalString(causationId, "causationId"),
            requestId: try optionalString(requestId, "requestId"),
            requestDigest: try optionalString(requestDigest, "requestDigest"),
            data: data,
            previousHash: previousHash,
            hash: hash
        )
    }
}
