import Events
import Testing

/// Decoding an envelope straight from bytes answers exactly what parsing and then decoding
/// answers — the same envelope or a refusal — for valid records and for 30,000 seeded
/// mutations of them.
@Suite struct EnvelopeBytesDecodingTests {
    static func envelopes() -> [EventEnvelope] {
        var previous = HashChain.genesis
        let bodies: [JSONValue] = [
            ["dossierId": "d1", "tableId": "t1", "title": "Zwerfafval Wyck — \"ondergronds\"", "deadline": "2026-12-01"],
            ["meetingId": "m1", "itemId": "i1", "position": 2],
            ["principalId": "p", "name": "Ünïcode ✓", "role": "auditor", "stadsdelen": [], "departments": ["a", "b"], "tokenHash": "00"],
            [:],
        ]
        return bodies.enumerated().map { index, data in
            var envelope = EventEnvelope(
                position: Int64(index + 1), stream: "dossier-d\(index)", version: 1, type: "DossierRaised", schemaVersion: 1,
                eventId: EventId.random(), recordedAt: Timestamp(millisecondsSinceEpoch: 1_795_000_000_123 + Int64(index)),
                actor: Actor(principalId: "reg-1", role: "regisseur"), correlationId: "c\(index)",
                causationId: index % 2 == 0 ? nil : "cause", requestId: index == 1 ? "r1" : nil, data: data, previousHash: "", hash: "")
            previous = HashChain.seal(&envelope, after: previous).hash
            return envelope
        }
    }

    /// The slow, exact way: parse, then decode the value.
    static func slow(_ bytes: [UInt8], previousHash: String?, hash: String?) -> EventEnvelope? {
        guard let json = try? JSONParser.parse(bytes) else { return nil }
        if let previousHash, let hash { return try? EventEnvelope(hashedJSON: json, previousHash: previousHash, hash: hash) }
        return try? EventEnvelope(json: json)
    }

    @Test func validRecordsDecodeToTheSameEnvelope() throws {
        for envelope in Self.envelopes() {
            #expect(try EventEnvelope.decode(envelope.json.canonicalBytes) == envelope)
            #expect(try EventEnvelope.decode(envelope.canonicalBytes, previousHash: envelope.previousHash, hash: envelope.hash) == envelope)
            let spaced = Array(" { \"hash\" : \"\(envelope.hash)\" , ".utf8) + envelope.json.canonicalBytes.dropFirst()
            #expect(try EventEnvelope.decode(spaced) == envelope)
        }
    }

    @Test func mutatedRecordsGetTheSameAnswerBothWays() {
        var state: UInt64 = 77
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        let seeds = Self.envelopes().flatMap { [($0.json.canonicalBytes, nil, nil), ($0.canonicalBytes, $0.previousHash, $0.hash)] }
        var decoded = 0
        var differing = 0
        for round in 0..<30_000 {
            let (seed, previousHash, hash): ([UInt8], String?, String?) = seeds[round % seeds.count]
            var bytes = seed
            for _ in 0..<(1 + next(3)) where !bytes.isEmpty {
                let at = next(bytes.count)
                switch next(4) {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: next(256))
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(contentsOf: Array(bytes[at..<min(bytes.count, at + next(30))]), at: at)
                default: bytes.insert([0x22, 0x2C, 0x3A, 0x7B, 0x7D, 0x5C][next(6)], at: at)
                }
            }
            let fast = try? EventEnvelope.decode(bytes, previousHash: previousHash, hash: hash)
            if fast != nil { decoded += 1 }
            if fast != Self.slow(bytes, previousHash: previousHash, hash: hash) { differing += 1 }
        }
        #expect(differing == 0)
        #expect(decoded > 1000, "too few mutations still decode to mean anything: \(decoded)")
    }
}
