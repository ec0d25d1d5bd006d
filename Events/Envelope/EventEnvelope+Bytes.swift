extension EventEnvelope {
    /// Decodes an envelope straight from its JSON bytes, without first building the JSON
    /// value of the whole envelope: what every store read, import and replay does millions
    /// of times.
    ///
    /// With `previousHash` and `hash` the bytes are `canonical(n)` (the file store's and the
    /// PostgreSQL store's record); without them they are an export line that holds both. The
    /// answer, and every refusal, is exactly that of ``init(json:)`` on the parsed bytes:
    /// anything unusual (a repeated member, a wrong type, bad JSON) is handed to that path.
    public static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, previousHash: String? = nil, hash: String? = nil
    ) throws -> EventEnvelope {
        var reader = JSONParser.Reader(buffer: bytes)
        if let envelope = reader.envelope(previousHash: previousHash, hash: hash) { return envelope }
        let json = try JSONParser.parse(buffer: bytes)
        if let previousHash, let hash { return try EventEnvelope(hashedJSON: json, previousHash: previousHash, hash: hash) }
        return try EventEnvelope(json: json)
    }

    /// ``decode(_:previousHash:hash:)`` for an array of bytes.
    public static func decode(_ bytes: [UInt8], previousHash: String? = nil, hash: String? = nil) throws -> EventEnvelope {
        try bytes.withUnsafeBufferPointer { try decode($0, previousHash: previousHash, hash: hash) }
    }
}

extension JSONParser.Reader {
    /// The envelope in the buffer, or `nil` when anything is off the common path (the
    /// caller then decodes the slow, exact way, which also names the fault).
    mutating func envelope(previousHash givenPrevious: String?, hash givenHash: String?) -> EventEnvelope? {
        var position, version, schemaVersion: Int64?
        var stream, type, eventId, recordedAt, correlationId, previousHash, hash: String?
        var causationId, requestId: String??
        var actor, data: JSONValue?
        do {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "{") else { return nil }
            index += 1
            skipWhitespace()
            if index < buffer.count, buffer[index] == UInt8(ascii: "}") { return nil }
            while true {
                skipWhitespace()
                guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { return nil }
                guard let name = envelopeMember() else { return nil }
                skipWhitespace()
                guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipWhitespace()
                let value = try parseValue(depth: 1)
                switch name {
                case .position: guard position == nil, case let .int(n) = value else { return nil }; position = n
                case .version: guard version == nil, case let .int(n) = value else { return nil }; version = n
                case .schemaVersion: guard schemaVersion == nil, case let .int(n) = value else { return nil }; schemaVersion = n
                case .stream: guard stream == nil, case let .string(s) = value else { return nil }; stream = s
                case .type: guard type == nil, case let .string(s) = value else { return nil }; type = s
                case .eventId: guard eventId == nil, case let .string(s) = value else { return nil }; eventId = s
                case .recordedAt: guard recordedAt == nil, case let .string(s) = value else { return nil }; recordedAt = s
                case .correlationId: guard correlationId == nil, case let .string(s) = value else { return nil }; correlationId = s
                case .previousHash: guard previousHash == nil, case let .string(s) = value else { return nil }; previousHash = s
                case .hash: guard hash == nil, case let .string(s) = value else { return nil }; hash = s
                case .causationId: guard causationId == nil, let s = Self.optionalString(value) else { return nil }; causationId = s
                case .requestId: guard requestId == nil, let s = Self.optionalString(value) else { return nil }; requestId = s
                case .actor: guard actor == nil else { return nil }; actor = value
                case .data: guard data == nil else { return nil }; data = value
                case .other: break
                }
                skipWhitespace()
                guard index < buffer.count else { return nil }
                if buffer[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard buffer[index] == UInt8(ascii: "}") else { return nil }
                index += 1
                break
            }
            skipWhitespace()
            guard index == buffer.count else { return nil }
        } catch {
            return nil
        }
        guard let position, let version, let schemaVersion, let stream, let type, let eventId, let recordedAt,
            let correlationId, let data, let time = Timestamp(iso8601: recordedAt),
            case let .string(principalId)? = actor?["principalId"], case let .string(role)? = actor?["role"],
            let previous = givenPrevious ?? previousHash, let own = givenHash ?? hash
        else { return nil }
        return EventEnvelope(
            position: position, stream: stream, version: version, type: type, schemaVersion: schemaVersion, eventId: eventId,
            recordedAt: time, actor: Actor(principalId: principalId, role: role), correlationId: correlationId,
            causationId: causationId ?? nil, requestId: requestId ?? nil, data: data, previousHash: previous, hash: own)
    }

    /// The members of an envelope, recognised from their bytes without making a string.
    enum EnvelopeMember {
        case position, version, schemaVersion, stream, type, eventId, recordedAt, correlationId, previousHash, hash
        case causationId, requestId, actor, data, other
    }

    static let envelopeMembers: [(EnvelopeMember, [UInt8])] = {
        let names: [(EnvelopeMember, String)] = [
            (.position, "position"), (.version, "version"), (.schemaVersion, "schemaVersion"), (.stream, "stream"), (.type, "type"),
            (.eventId, "eventId"), (.recordedAt, "recordedAt"), (.correlationId, "correlationId"), (.previousHash, "previousHash"),
            (.hash, "hash"), (.causationId, "causationId"), (.requestId, "requestId"), (.actor, "actor"), (.data, "data"),
        ]
        return names.map { ($0.0, Array($0.1.utf8)) }
    }()

    /// Reads a member name at the opening quote; `nil` for a name with an escape, a control
    /// character or anything but ASCII (the exact path reads, or refuses, those).
    mutating func envelopeMember() -> EnvelopeMember? {
        let start = index + 1
        var end = start
        while end < buffer.count, buffer[end] != UInt8(ascii: "\""), buffer[end] != UInt8(ascii: "\\"), buffer[end] >= 0x20, buffer[end] < 0x80 {
            end += 1
        }
        guard end < buffer.count, buffer[end] == UInt8(ascii: "\"") else { return nil }
        index = end + 1
        let name = UnsafeBufferPointer(rebasing: buffer[start..<end])
        for (member, bytes) in Self.envelopeMembers where bytes.count == name.count && bytes[0] == name.first {
            if bytes.elementsEqual(name) { return member }
        }
        return .other
    }

    /// A string or null as a double optional: `.some(nil)` for null, `nil` for anything else.
    static func optionalString(_ value: JSONValue) -> String?? {
        switch value {
        case .null: return .some(nil)
        case let .string(text): return .some(text)
        default: return nil
        }
    }
}
