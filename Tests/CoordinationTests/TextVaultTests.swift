import Events
import Projections
import Testing

/// What the vault shows: a fetched text only when its digest is the log's, an erasure over
/// any text it held, and a text of an append with unknown outcome asked for again.
@Suite struct TextVaultTests {
    static func envelope(_ event: some DomainEvent, position: Int64) -> EventEnvelope {
        EventEnvelope(
            position: position, stream: event.stream, version: position, type: type(of: event).eventType, schemaVersion: 2,
            eventId: "e\(position)", recordedAt: Timestamp(millisecondsSinceEpoch: 1_795_000_000_000 + position), actor: Actor(principalId: "a", role: "admin"),
            correlationId: "c", causationId: nil, requestId: nil, data: event.data, previousHash: "", hash: "")
    }

    @Test func aFetchedTextShowsOnlyWhenItMatchesTheLogsDigest() {
        // Given an event written by another process
        var sealer = TextSealer(seed: [1])
        let note = sealer.seal("Buurman gebeld")
        let other = SealedText(ref: note.ref, salt: sealer.sealed[0].salt, text: "Iets anders")
        let page = [Self.envelope(DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "open", note: note), position: 1)]
        let vault = TextVault()
        #expect(vault.wanted(for: page) == [note.ref: note])
        // When the store gives a text that does not match, then the one that does
        #expect(vault.accept([note.ref: other], for: vault.wanted(for: page)) == [note.ref])
        #expect(vault.reading(note) == .unavailable)
        vault.accept([note.ref: sealer.sealed[0]], for: vault.wanted(for: page))
        // Then
        #expect(vault.reading(note) == .live("Buurman gebeld"))
        #expect(vault.wanted(for: page).isEmpty)
    }

    @Test func anErasureHidesHeldAndInlineTextsAndAFailedFetchIsAskedAgain() {
        // Given
        var sealer = TextSealer(seed: [2])
        let sealed = sealer.seal("Familie Jansen")
        let inline = FreeText(inline: "Buurman klaagt").anchored(eventId: "e1", field: "note")
        let vault = TextVault()
        vault.put(sealer.sealed)
        vault.miss(["t-lost": FreeText(ref: "t-lost", digest: String(repeating: "ab", count: 32))])
        #expect(vault.isMissingTexts)
        #expect(vault.wanted(for: []).keys.sorted() == ["t-lost"])
        // When
        vault.apply(Self.envelope(PersonalDataErased(dossierId: "d1", refs: [sealed.ref, inline.ref, "t-lost"], reason: "AVG"), position: 3))
        vault.put(sealer.sealed)
        // Then
        let at = Timestamp(millisecondsSinceEpoch: 1_795_000_000_003)
        #expect(vault.reading(sealed) == .erased(at: at, reason: "AVG"))
        #expect(vault.reading(inline) == .erased(at: at, reason: "AVG"))
        #expect(!vault.isMissingTexts)
    }

    @Test func aTextOfAnAppendWithUnknownOutcomeIsAskedOfTheStoreAgain() {
        // Given
        var sealer = TextSealer(seed: [3])
        let text = sealer.seal("Notitie")
        let vault = TextVault()
        vault.put(sealer.sealed)
        // When
        vault.recheck(sealer.sealed)
        // Then
        #expect(vault.reading(text) == .unavailable)
        #expect(vault.wanted(for: []) == [text.ref: text])
    }
}
