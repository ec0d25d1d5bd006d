/// Why a JSON value is not a valid envelope: which field, and what is wrong with it.
public struct EnvelopeDecodingError: Error, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public var description: String { "envelope field '\(field)': \(reason)" }
}

extension EventEnvelope {
    /// Reads an envelope from its JSON form (the log record, an export line, an API reply).
    /// - Throws: ``EnvelopeDecodingError`` naming the first missing or mistyped field.
    public init(json: JSONValue) throws(EnvelopeDecodingError) {
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
    public init(hashedJSON json: JSONValue, previousHash: String, hash: String) throws(EnvelopeDecodingError) {
        guard case .object = json else {
            throw EnvelopeDecodingError(field: "", reason: "not an object")
        }
        // Envelopes have a dozen members: the subscript's scan beats hashing them into a dictionary.
        let fields = json

        func string(_ name: String) throws(EnvelopeDecodingError) -> String {
            guard case let .string(s)? = fields[name] else {
                throw EnvelopeDecodingError(field: name, reason: "expected a string")
            }
            return s
        }
        func optionalString(_ name: String) throws(EnvelopeDecodingError) -> String? {
            switch fields[name] {
            case nil, .null?: return nil
            case let .string(s)?: return s
            default: throw EnvelopeDecodingError(field: name, reason: "expected a string or null")
            }
        }
        func integer(_ name: String) throws(EnvelopeDecodingError) -> Int64 {
            guard case let .int(i)? = fields[name] else {
                throw EnvelopeDecodingError(field: name, reason: "expected an integer")
            }
            return i
        }

        let recordedText = try string("recordedAt")
        guard let recordedAt = Timestamp(iso8601: recordedText) else {
            throw EnvelopeDecodingError(field: "recordedAt", reason: "not an ISO 8601 UTC time")
        }
        guard case let .string(principalId)? = fields["actor"]?["principalId"], case let .string(role)? = fields["actor"]?["role"]
        else {
            throw EnvelopeDecodingError(field: "actor", reason: "expected {\"principalId\", \"role\"}")
        }
        guard let data = fields["data"] else {
            throw EnvelopeDecodingError(field: "data", reason: "missing")
        }
        self.init(
            position: try integer("position"),
            stream: try string("stream"),
            version: try integer("version"),
            type: try string("type"),
            schemaVersion: try integer("schemaVersion"),
            eventId: try string("eventId"),
            recordedAt: recordedAt,
            actor: Actor(principalId: principalId, role: role),
            correlationId: try string("correlationId"),
            causationId: try optionalString("causationId"),
            requestId: try optionalString("requestId"),
            data: data,
            previousHash: previousHash,
            hash: hash
        )
    }
}
