import Events

/// One entry of the read log: which principal read which dossiers, through which method,
/// when, for which processing activity (the fields of the Logboek Dataverwerkingen standard).
///
/// It exists beside the event log because a read changes nothing in the domain and must not
/// enter the replayed history, yet an auditor has to be able to prove it happened (AVG art.
/// 5(2), 30): so it is append-only and hash-chained like the event log, in its own chain.
/// It never holds query params, only the ids of the dossiers whose data the answer returned.
package struct ReadRecord: Sendable, Equatable {
    /// Position in the read log, from 1, gapless; 0 until the log assigns it.
    package var sequence: Int64 = 0
    /// W3C trace id (32 lower-case hex).
    package var traceId: String
    /// The span of this call (16 lower-case hex).
    package var spanId: String
    /// The JSON-RPC method.
    package var name: String
    package var startTime: Timestamp
    package var endTime: Timestamp
    /// `OK` or `ERROR`, as the standard's status codes.
    package var statusCode: String
    /// The principal id of the caller.
    package var actor: String
    package var role: String
    /// The dossiers whose data the answer returned, sorted, without repeats.
    package var dossierIds: [String]
    package var processingActivityId: String
    /// Hex; set when the log appends the record.
    package var previousHash: String = HashChain.genesisHex
    package var hash: String = HashChain.genesisHex

    package init(
        traceId: String, spanId: String, name: String, startTime: Timestamp, endTime: Timestamp, statusCode: String = "OK",
        actor: String, role: String, dossierIds: [String], processingActivityId: String
    ) {
        self.traceId = traceId
        self.spanId = spanId
        self.name = name
        self.startTime = startTime
        self.endTime = endTime
        self.statusCode = statusCode
        self.actor = actor
        self.role = role
        self.dossierIds = Array(Set(dossierIds)).sorted()
        self.processingActivityId = processingActivityId
    }

    /// The record without its hashes: exactly what the chain hashes (canonical JSON).
    package var canonical: JSONValue {
        .object([
            ("sequence", .int(sequence)), ("traceId", .string(traceId)), ("spanId", .string(spanId)), ("name", .string(name)),
            ("startTime", .string(startTime.iso8601)), ("endTime", .string(endTime.iso8601)), ("statusCode", .string(statusCode)),
            ("actor", .string(actor)), ("role", .string(role)), ("dossierIds", .array(dossierIds.map(JSONValue.string))),
            ("processingActivityId", .string(processingActivityId)),
        ])
    }

    /// The bytes of ``canonical``, written directly with the keys in their canonical
    /// (sorted) order: the background writer seals thousands of records a second, and the
    /// general encoder would build and sort an object for each.
    package var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(320 + 16 * dossierIds.count)
        func key(_ name: StaticString, first: Bool = false) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        key("actor", first: true)
        JSONValue.writeString(actor, into: &out)
        key("dossierIds")
        out.append(UInt8(ascii: "["))
        for (index, id) in dossierIds.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(id, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        key("endTime")
        JSONValue.writeString(endTime.iso8601, into: &out)
        key("name")
        JSONValue.writeString(name, into: &out)
        key("processingActivityId")
        JSONValue.writeString(processingActivityId, into: &out)
        key("role")
        JSONValue.writeString(role, into: &out)
        key("sequence")
        out.append(contentsOf: String(sequence).utf8)
        key("spanId")
        JSONValue.writeString(spanId, into: &out)
        key("startTime")
        JSONValue.writeString(startTime.iso8601, into: &out)
        key("statusCode")
        JSONValue.writeString(statusCode, into: &out)
        key("traceId")
        JSONValue.writeString(traceId, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The record as `audit.reads` shows it: the canonical fields plus both hashes.
    package var json: JSONValue {
        guard case var .object(members) = canonical else { return canonical }
        members.append(("previousHash", .string(previousHash)))
        members.append(("hash", .string(hash)))
        return .object(members)
    }

    /// Reads a record back from its canonical bytes and hashes (hex).
    package init(canonical bytes: [UInt8], previousHash: String, hash: String) throws {
        let value = try JSONParser.parse(bytes)
        func text(_ key: String) throws -> String {
            guard case let .string(text)? = value[key] else { throw EventStoreError(.io, "read record lacks \(key)") }
            return text
        }
        func time(_ key: String) throws -> Timestamp {
            guard let time = Timestamp(iso8601: try text(key)) else { throw EventStoreError(.io, "read record has a bad \(key)") }
            return time
        }
        guard case let .int(sequence)? = value["sequence"], case let .array(ids)? = value["dossierIds"] else {
            throw EventStoreError(.io, "read record lacks sequence or dossierIds")
        }
        self.sequence = sequence
        traceId = try text("traceId")
        spanId = try text("spanId")
        name = try text("name")
        startTime = try time("startTime")
        endTime = try time("endTime")
        statusCode = try text("statusCode")
        actor = try text("actor")
        role = try text("role")
        dossierIds = try ids.map { id in
            guard case let .string(id) = id else { throw EventStoreError(.io, "read record has a bad dossier id") }
            return id
        }
        processingActivityId = try text("processingActivityId")
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Gives the record `sequence`, chains it after `previous` (raw hash) and returns its
    /// hash (raw) and canonical bytes, as ``HashChain/seal(_:after:)`` does for an event.
    package mutating func seal(sequence: Int64, after previous: [UInt8]) -> (hash: [UInt8], canonical: [UInt8]) {
        self.sequence = sequence
        let canonical = canonicalBytes
        let hash = HashChain.link(previous: previous, canonical: canonical)
        previousHash = Hex.encode(previous)
        self.hash = Hex.encode(hash)
        return (hash, canonical)
    }
}
