extension EventEnvelope {
    /// Decodes an envelope straight from its JSON bytes, without first building the JSON
    /// value of the whole envelope: what every store read, import and replay does millions
    /// of times.
    ///
    /// With `previousHash` and `hash` the bytes are `canonical(n)` (the file store's and the
    /// PostgreSQL store's record); without them they are an export line that holds both. The
    /// answer, and every refusal, is exactly that of ``init(json:)`` on the parsed bytes:
    /// anything unusual (a repeated member, a wrong type, bad JSON) is handed to that path.
    package static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, previousHash: String? = nil, hash: String? = nil
    ) throws -> EventEnvelope {
        var reader = JSONParser.Reader(buffer: bytes)
        if let envelope = reader.envelope(previousHash: previousHash, hash: hash) { return envelope }
        let json = try JSONParser.parse(buffer: bytes)
        if let previousHash, let hash { return try EventEnvelope(hashedJSON: json, previousHash: previousHash, hash: hash) }
        return try EventEnvelope(json: json)
    }

    /// ``decode(_:previousHash:hash:)`` for an array of bytes.
    package static func decode(_ bytes: [UInt8], previousHash: String? = nil, hash: String? = nil) throws -> EventEnvelope {
        try bytes.withUnsafeBufferPointer { try decode($0, previousHash: previousHash, hash: hash) }
    }
}

extension JSONParser.Reader {
    /// The envelope in the buffer, or `nil` when anything is off the common path (the
    /// caller then decodes the slow, exact way, which also names the fault).
    mutating func envelope(previousHash givenPrevious: String?, hash givenHash: String?) -> EventEnvelope? {
        var position, version, schemaVersion, recordedAt: Int64?
        var stream, type, eventId, correlationId, previousHash, hash: String?
        var causationId, requestId, requestDigest: String??
        var actor: Actor?
        var data: JSONValue?
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
                // The type and the time are read in place: the type as the catalogue's own
                // string, the time straight into milliseconds.
                if name == .actor {
                    guard actor == nil, let read = try actorObject() else { return nil }
                    actor = read
                } else if name == .type || name == .recordedAt {
                    guard index < buffer.count, buffer[index] == UInt8(ascii: "\""), let raw = plainString() else { return nil }
                    if name == .type {
                        guard type == nil else { return nil }
                        type = EventCatalogue.internedType(raw)
                    } else {
                        guard recordedAt == nil, let milliseconds = Timestamp.parse(raw) else { return nil }
                        recordedAt = milliseconds
                    }
                } else {
                    let value = try parseValue(depth: 1)
                    switch name {
                    case .position: guard position == nil, case let .int(n) = value else { return nil }; position = n
                    case .version: guard version == nil, case let .int(n) = value else { return nil }; version = n
                    case .schemaVersion: guard schemaVersion == nil, case let .int(n) = value else { return nil }; schemaVersion = n
                    case .stream: guard stream == nil, case let .string(s) = value else { return nil }; stream = s
                    case .eventId: guard eventId == nil, case let .string(s) = value else { return nil }; eventId = s
                    case .correlationId: guard correlationId == nil, case let .string(s) = value else { return nil }; correlationId = s
                    case .previousHash: guard previousHash == nil, case let .string(s) = value else { return nil }; previousHash = s
                    case .hash: guard hash == nil, case let .string(s) = value else { return nil }; hash = s
                    case .causationId: guard causationId == nil, let s = Self.optionalString(value) else { return nil }; causationId = s
                    case .requestId: guard requestId == nil, let s = Self.optionalString(value) else { return nil }; requestId = s
                    // Present only as a string: a null would not render back to the same bytes.
                    case .requestDigest: guard requestDigest == nil, case let .string(s) = value else { return nil }; requestDigest = s
                    case .data: guard data == nil else { return nil }; data = value
                    case .type, .recordedAt, .actor, .other: break
                    }
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
            let correlationId, let data, let actor, let previous = givenPrevious ?? previousHash, let own = givenHash ?? hash
        else { return nil }
        return EventEnvelope(
            position: position, stream: stream, version: version, type: type, schemaVersion: schemaVersion, eventId: eventId,
            recordedAt: Timestamp(millisecondsSinceEpoch: recordedAt), actor: actor,
            correlationId: correlationId, causationId: causationId ?? nil, requestId: requestId ?? nil,
            requestDigest: requestDigest ?? nil, data: data,
            previousHash: previous, hash: own)
    }

    /// The actor object read without building its JSON value; `nil` for anything but exactly
    /// the two string members (the exact path then reads, or refuses, it).
    mutating func actorObject() throws(JSONParseError) -> Actor? {
        guard index < buffer.count, buffer[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var principalId, role: String?
        while true {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\""), let name = plainString() else { return nil }
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { return nil }
            let value = try parseString()
            let packed = Self.packed(name)
            if name.count == 11, packed == (0x6170_6963_6e69_7270, 0x64_496c), principalId == nil {
                principalId = value
            } else if name.count == 4, packed == (0x656c_6f72, 0), role == nil {
                role = value
            } else {
                return nil
            }
            skipWhitespace()
            guard index < buffer.count else { return nil }
            index += 1
            if buffer[index - 1] == UInt8(ascii: "}") { break }
            guard buffer[index - 1] == UInt8(ascii: ",") else { return nil }
        }
        guard let principalId, let role else { return nil }
        return Actor(principalId: principalId, role: role)
    }

    /// The members of an envelope, recognised from their bytes without making a string.
    enum EnvelopeMember {
        case position, version, schemaVersion, stream, type, eventId, recordedAt, correlationId, previousHash, hash
        case causationId, requestId, requestDigest, actor, data, other
    }

    /// Reads a member name at the opening quote; `nil` for a name with an escape, a control
    /// character or anything but ASCII (the exact path reads, or refuses, those).
    ///
    /// The name's bytes are packed into two little-endian words and compared with the words
    /// of the known names: this runs fourteen times per envelope, so it must neither walk a
    /// table nor make a string.
    mutating func envelopeMember() -> EnvelopeMember? {
        guard let name = plainString() else { return nil }
        guard name.count <= 13 else { return .other }
        let (low, high) = packedWords(name)
        switch (name.count, low, high) {
        case (4, 0x6570_7974, 0): return .type
        case (4, 0x6174_6164, 0): return .data
        case (4, 0x6873_6168, 0): return .hash
        case (5, 0x72_6f74_6361, 0): return .actor
        case (6, 0x6d61_6572_7473, 0): return .stream
        case (7, 0x6e_6f69_7372_6576, 0): return .version
        case (7, 0x64_4974_6e65_7665, 0): return .eventId
        case (8, 0x6e6f_6974_6973_6f70, 0): return .position
        case (9, 0x4974_7365_7571_6572, 0x64): return .requestId
        case (10, 0x6465_6472_6f63_6572, 0x7441): return .recordedAt
        case (11, 0x6f69_7461_7375_6163, 0x64_496e): return .causationId
        case (12, 0x7375_6f69_7665_7270, 0x6873_6148): return .previousHash
        case (13, 0x6556_616d_6568_6373, 0x6e_6f69_7372): return .schemaVersion
        case (13, 0x7461_6c65_7272_6f63, 0x64_496e_6f69): return .correlationId
        case (13, 0x4474_7365_7571_6572, 0x74_7365_6769): return .requestDigest
        default: return .other
        }
    }

    /// ``packed(_:)`` by two loads when sixteen bytes from the name's start lie inside the
    /// buffer (they always do but at the very end of a line).
    func packedWords(_ name: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let start = name.baseAddress, let base = buffer.baseAddress, start + 16 <= base + buffer.count else {
            return Self.packed(name)
        }
        let raw = UnsafeRawPointer(start)
        let low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let count = name.count
        if count >= 8 {
            return (low, count == 8 ? 0 : high & (UInt64.max >> (8 * (16 - count))))
        }
        return (low & (UInt64.max >> (8 * (8 - count))), 0)
    }

    /// The first sixteen bytes of `name` as two little-endian words, zero beyond its end.
    static func packed(_ name: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { target in
            for offset in 0..<min(name.count, 16) { target[offset] = name[offset] }
        }
        return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1))
    }

    /// The bytes of the string at the opening quote when they are plain ASCII without escapes
    /// or control characters, moving past its closing quote; otherwise `nil`, with the
    /// position unchanged.
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard let base = buffer.baseAddress else { return nil }
        let start = index + 1
        var end = start
        while end < buffer.count {
            let byte = base[end]
            if byte == UInt8(ascii: "\"") {
                index = end + 1
                return UnsafeBufferPointer(start: base + start, count: end - start)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            end += 1
        }
        return nil
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
