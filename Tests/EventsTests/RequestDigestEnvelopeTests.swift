import Events
import Testing

/// The optional `requestDigest` member: left out of the canonical form when absent (older
/// logs keep their bytes and hashes), kept in it when present, and read back the same by
/// both decoders.
@Suite struct RequestDigestEnvelopeTests {
    static func envelope(digest: String?) -> EventEnvelope {
        var envelope = EventEnvelope(
            position: 1, stream: "dossier-d1", version: 1, type: "DossierClosed", schemaVersion: 1,
            eventId: "5b0c3c55-5a55-4e52-9a2e-2f0f3a1d9b12", recordedAt: Timestamp(millisecondsSinceEpoch: 1_795_000_000_123),
            actor: Actor(principalId: "reg-1", role: "regisseur"), correlationId: "c", causationId: nil, requestId: "r-1",
            requestDigest: digest, data: ["dossierId": "d1", "resolution": "klaar"], previousHash: "", hash: "")
        _ = HashChain.seal(&envelope, after: HashChain.genesis)
        return envelope
    }

    @Test func anAbsentDigestLeavesTheCanonicalFormAsItWas() {
        let envelope = Self.envelope(digest: nil)
        let text = String(decoding: envelope.canonicalBytes, as: UTF8.self)
        #expect(!text.contains("requestDigest"))
        #expect(envelope.canonicalBytes == JSONValue.object(envelope.hashedMembers()).canonicalBytes)
    }

    @Test func aDigestIsHashedInItsSortedPlaceAndReadBackByBothDecoders() throws {
        let digest = RequestDigest.make(fingerprint: SHA256.hash(Array("command".utf8)), salt: "5b0c3c55-5a55-4e52-9a2e-2f0f3a1d9b12")
        let envelope = Self.envelope(digest: digest)
        let text = String(decoding: envelope.canonicalBytes, as: UTF8.self)
        #expect(text.contains(#""recordedAt":"2026-11-18T11:06:40.123Z","requestDigest":"\#(digest)","requestId":"r-1""#), "\(text)")
        #expect(envelope.canonicalBytes == JSONValue.object(envelope.hashedMembers()).canonicalBytes)
        #expect(envelope.hash != Self.envelope(digest: nil).hash)
        #expect(try EventEnvelope.decode(envelope.json.canonicalBytes) == envelope)
        #expect(try EventEnvelope.decode(envelope.canonicalBytes, previousHash: envelope.previousHash, hash: envelope.hash) == envelope)
        #expect(try EventEnvelope(json: try JSONParser.parse(envelope.json.canonicalBytes)) == envelope)
        #expect(RequestDigest.matches(digest, salt: envelope.eventId, fingerprint: SHA256.hash(Array("command".utf8))))
        #expect(!RequestDigest.matches(digest, salt: "another-event", fingerprint: SHA256.hash(Array("command".utf8))))
    }
}
