import Events
import Testing

@Suite struct HashChainTests {
    static func envelope(_ position: Int64) -> EventEnvelope {
        EventEnvelope(
            position: position, stream: "dossier-d1", version: position, type: "DossierRaised", schemaVersion: 1,
            eventId: "00000000-0000-4000-8000-00000000000\(position)",
            recordedAt: Timestamp(millisecondsSinceEpoch: 1_795_000_000_000 + position),
            actor: Actor(principalId: "p1", role: "regisseur"), correlationId: "c1", causationId: nil,
            requestId: "r\(position)", data: ["title": "Overlast Frontenplein"], previousHash: "", hash: "")
    }

    @Test func canonicalFormLeavesOutBothHashesAndSortsKeys() {
        var first = Self.envelope(1)
        HashChain.seal(&first, after: HashChain.genesis)
        let canonical = String(decoding: first.canonicalBytes, as: UTF8.self)
        #expect(!canonical.contains("hash"))
        #expect(
            canonical
                == #"{"actor":{"principalId":"p1","role":"regisseur"},"causationId":null,"correlationId":"c1","data":{"title":"Overlast Frontenplein"},"eventId":"00000000-0000-4000-8000-000000000001","position":1,"recordedAt":"2026-11-18T11:06:40.001Z","requestId":"r1","schemaVersion":1,"stream":"dossier-d1","type":"DossierRaised","version":1}"#
        )
    }

    @Test func hashIsSHA256OfThePreviousHashAndTheCanonicalForm() {
        var first = Self.envelope(1)
        HashChain.seal(&first, after: HashChain.genesis)
        #expect(first.previousHash == String(repeating: "0", count: 64))
        #expect(first.hash == Hex.encode(SHA256.hash(HashChain.genesis + first.canonicalBytes)))
        var second = Self.envelope(2)
        let (hash, _) = HashChain.seal(&second, after: Hex.decode(first.hash)!)
        #expect(second.previousHash == first.hash)
        #expect(Hex.encode(hash) == second.hash)
    }

    @Test func checkNamesWhatIsWrong() {
        var first = Self.envelope(1)
        HashChain.seal(&first, after: HashChain.genesis)
        #expect((try? HashChain.check(first, position: 1, previous: HashChain.genesis).get()) != nil)
        var tampered = first
        tampered.data = ["title": "Iets anders"]
        guard case .failure(.hash) = HashChain.check(tampered, position: 1, previous: HashChain.genesis) else {
            Issue.record("a changed body must fail the hash check")
            return
        }
        guard case .failure(.position) = HashChain.check(first, position: 2, previous: HashChain.genesis) else {
            Issue.record("a wrong position must be named")
            return
        }
    }

    @Test func envelopeRoundTripsThroughItsJSON() throws {
        var first = Self.envelope(1)
        HashChain.seal(&first, after: HashChain.genesis)
        let decoded = try EventEnvelope(json: try JSONParser.parse(first.json.canonicalBytes))
        #expect(decoded == first)
    }
}

@Suite struct CanonicalTemplateTests {
    @Test(arguments: [
        (nil, nil, JSONValue.object([("note", "é \"quoted\" \n"), ("n", 3)])),
        ("cause-1", "req-9", JSONValue.array([1, .double(2.5), nil, true])),
    ] as [(String?, String?, JSONValue)])
    func rendersExactlyTheGenericCanonicalEncoding(causationId: String?, requestId: String?, data: JSONValue) {
        let envelope = EventEnvelope(
            position: 12_345, stream: "meeting-m\u{1F600}", version: 7, type: "AgendaItemAdded", schemaVersion: 2,
            eventId: "e", recordedAt: Timestamp(millisecondsSinceEpoch: 1_795_000_000_123),
            actor: Actor(principalId: "p\"1", role: "regisseur"), correlationId: "c", causationId: causationId,
            requestId: requestId, data: data, previousHash: "", hash: "")
        #expect(envelope.canonicalBytes == JSONValue.object(envelope.hashedMembers()).canonicalBytes)
    }
}
