import Events
import Testing

@Suite struct EventCatalogueTests {
    @Test func everyKindHasAUniqueTypeAndRoundTripsItsBody() throws {
        let types = EventCatalogue.kinds.map { $0.eventType }
        #expect(Set(types).count == types.count)
        #expect(types.count >= 25)
        let raised = DossierRaised(dossierId: "d1", tableId: "t1", title: "Zwerfafval Wyck", deadline: "2026-12-01")
        #expect(try DossierRaised(data: raised.data) == raised)
        #expect(raised.data["summary"] == nil)
        #expect(raised.stream == "dossier-d1")
        #expect(EventCatalogue.kind(named: "DossierRaised") != nil)
    }

    @Test func refusesSchemaVersionsFromTheFuture() {
        #expect(throws: UnknownSchemaVersion.self) {
            try EventCatalogue.upcast(type: "DossierRaised", schemaVersion: DossierRaised.schemaVersion + 1, data: [:])
        }
        #expect(throws: UnknownSchemaVersion.self) {
            try EventCatalogue.upcast(type: "DossierConfidentialitySet", schemaVersion: DossierConfidentialitySet.schemaVersion + 1, data: [:])
        }
        #expect(throws: UnknownSchemaVersion.self) {
            try EventCatalogue.upcast(type: "NoSuchEvent", schemaVersion: 1, data: [:])
        }
    }
}

/// Free text since schema 2: the body holds a reference and a salted digest, a body of
/// schema 1 still reads with its text inline, and the digest binds salt and text.
@Suite struct FreeTextTests {
    @Test func aSealedTextLeavesOnlyItsReferenceAndDigestInTheBody() throws {
        var sealer = TextSealer(seed: Array(repeating: 7, count: 32))
        let note = sealer.seal("Familie De Vries, Brusselsestraat 12, klaagt over overlast")
        let event = DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "open", note: note)
        #expect(!event.data.canonicalString.contains("Vries"))
        #expect(try DepartmentStatusUpdated(data: event.data) == event)
        let sealed = try #require(sealer.sealed.first)
        #expect(sealed.matches(note))
        #expect(sealed.salt.count == SealedText.saltBytes)
        #expect(SealedText.digest(salt: sealed.salt, text: sealed.text + " ") != note.digest)
        var other = sealed
        other.salt[0] ^= 1
        #expect(!other.matches(note))
    }

    @Test func theSameSeedSealsTheSameWayAndAnotherSeedDoesNot() {
        var first = TextSealer(seed: Array(repeating: 1, count: 32))
        var again = TextSealer(seed: Array(repeating: 1, count: 32))
        var other = TextSealer(seed: Array(repeating: 2, count: 32))
        let texts = ["a", "a", "b"]
        let one = texts.map { first.seal($0) }
        #expect(one == texts.map { again.seal($0) })
        #expect(Set(one.map(\.ref)).count == 3)
        #expect(Set(one.map(\.digest)).count == 3)
        #expect(texts.map { other.seal($0) }.map(\.ref) != one.map(\.ref))
        var random = TextSealer.random()
        var another = TextSealer.random()
        #expect(random.seal("a") != another.seal("a"))
    }

    @Test func aSchemaOneBodyReadsItsTextInlineUnderAnAnchoredReference() throws {
        let body: JSONValue = .object([("dossierId", "d1"), ("reason", "Overlast"), ("to", "wethouder")])
        let event = try DossierEscalated(data: body)
        #expect(event.reason.inline == "Overlast")
        #expect(!event.reason.isSealed)
        #expect(event.reason.anchored(eventId: "e1", field: "reason").ref == "e1/reason")
        #expect(event.data == body)
    }

    @Test func aMalformedFreeTextIsRefused() {
        for bad: JSONValue in [.int(1), .object([("ref", "t-1")]), .object([("ref", "t-1"), ("digest", "ab")]),
            .object([("ref", "t-1"), ("digest", .string(String(repeating: "a", count: 64))), ("text", "x")])]
        {
            #expect(throws: EventFields.Mismatch.self) {
                try DossierEscalated(data: .object([("dossierId", "d1"), ("reason", bad), ("to", "wethouder")]))
            }
        }
    }
}
