import EventStore
import Events
import Testing

/// The side store of free texts (``AppendRequest/texts``, ``AppendRequest/erasing``), on both
/// stores alike: texts are readable once their append is acknowledged, survive a reopen,
/// are gone (also after a reopen) once an erasing append is acknowledged, and are never
/// touched by an append that is refused.
@Suite struct TextStoreConformanceTests {
    static func text(_ ref: String, _ words: String = "Familie Jansen, Brusselsestraat 12", salt: UInt8 = 7) -> SealedText {
        SealedText(ref: ref, salt: [UInt8](repeating: salt, count: SealedText.saltBytes), text: "\(words) (\(ref))")
    }

    /// An append to `stream` whose events refer to each of `texts`, erasing `erasing`.
    static func request(
        _ stream: String, texts: [SealedText], erasing: [String] = [], expected: ExpectedVersion = .any
    ) -> AppendRequest {
        let events = texts.isEmpty
            ? [Sample.event()]
            : texts.map { ProposedEvent(DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "open", note: $0.freeText)) }
        return AppendRequest(stream: stream, expectedVersion: expected, events: events, actor: Sample.actor, texts: texts, erasing: erasing)
    }

    @Test(arguments: StoreKind.allCases)
    func appendedTextsAreReadOnceTheAppendIsAcknowledged(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let (a, b) = (Self.text("t-a"), Self.text("t-b", "Buurman De Vries"))
        _ = try await store.append(Self.request("dossier-a", texts: [a, b]))
        #expect(try await store.texts(["t-a", "t-b", "t-unknown"]) == ["t-a": a, "t-b": b])
        #expect(try await store.texts([]) == [:])
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func allTextsPagesInReferenceOrder(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let texts = ["t-03", "t-01", "t-05", "t-02", "t-04"].map { Self.text($0) }
        _ = try await store.append(Self.request("dossier-a", texts: Array(texts[0..<2])))
        _ = try await store.append(Self.request("dossier-b", texts: Array(texts[2...])))
        #expect(try await store.allTexts(after: nil, limit: 2).map(\.ref) == ["t-01", "t-02"])
        #expect(try await store.allTexts(after: "t-02", limit: 2).map(\.ref) == ["t-03", "t-04"])
        #expect(try await store.allTexts(after: "t-04", limit: 10).map(\.ref) == ["t-05"])
        #expect(try await store.allTexts(after: "t-05", limit: 10).isEmpty)
        #expect(try await store.allTexts(after: "t-025", limit: 1) == [texts[0]])
        #expect(try await store.allTexts(after: nil, limit: 0).isEmpty)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func textsSurviveAReopen(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let texts = [Self.text("t-a"), Self.text("t-b", salt: 9)]
        _ = try await store.append(Self.request("dossier-a", texts: texts))
        await store.close()
        let reopened = try await test.open()
        #expect(try await reopened.allTexts(after: nil, limit: 10) == texts)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func anErasingAppendRemovesTheTextsAlsoAfterAReopen(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let (a, b) = (Self.text("t-a"), Self.text("t-b"))
        _ = try await store.append(Self.request("dossier-a", texts: [a, b]))
        // A ref that was never stored (or was erased before) is erased again without complaint.
        let erased = try await store.append(Self.request("privacy", texts: [], erasing: ["t-a", "t-never"]))
        #expect(erased.positions == [3])
        #expect(try await store.texts(["t-a", "t-b"]) == ["t-b": b])
        #expect(try await store.allTexts(after: nil, limit: 10) == [b])
        _ = try await store.append(Self.request("privacy", texts: [], erasing: ["t-a"]))
        await store.close()
        let reopened = try await test.open()
        #expect(try await reopened.texts(["t-a", "t-b"]) == ["t-b": b])
        #expect(try await reopened.allTexts(after: nil, limit: 10) == [b])
        #expect(try await reopened.head().position == 4)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aConflictingErasureRemovesNothing(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let a = Self.text("t-a")
        _ = try await store.append(Self.request("dossier-a", texts: [a]))
        do {
            _ = try await store.append(Self.request("dossier-a", texts: [], erasing: ["t-a"], expected: .exact(7)))
            Issue.record("an append with a wrong expected version was accepted")
        } catch let error as EventStoreError {
            #expect(error.code == .conflict)
        }
        #expect(try await store.texts(["t-a"]) == ["t-a": a])
        await store.close()
        let reopened = try await test.open()
        #expect(try await reopened.texts(["t-a"]) == ["t-a": a])
        #expect(try await reopened.head().position == 1)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func anAppendWithBadTextsIsRefusedAndWritesNothing(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let good = Self.text("t-good")
        let bad: [(String, [SealedText])] = [
            ("a repeated ref", [Self.text("t-a"), Self.text("t-a", "another text")]),
            ("a short salt", [good, SealedText(ref: "t-b", salt: [1, 2, 3], text: "x")]),
            ("U+0000 in the text", [good, SealedText(ref: "t-c", salt: good.salt, text: "a\u{0}b")]),
            ("U+0000 in the ref", [good, SealedText(ref: "t-\u{0}", salt: good.salt, text: "x")]),
            ("an empty ref", [good, SealedText(ref: "", salt: good.salt, text: "x")]),
        ]
        for (fault, texts) in bad {
            do {
                _ = try await store.append(Self.request("dossier-a", texts: texts))
                Issue.record("accepted texts with \(fault)")
            } catch let error as EventStoreError {
                #expect(error.code == .invalidRequest, "\(fault): \(error)")
            }
        }
        #expect(try await store.head().position == 0)
        #expect(try await store.allTexts(after: nil, limit: 10).isEmpty)
        await store.close()
        let reopened = try await test.open()
        #expect(try await reopened.allTexts(after: nil, limit: 10).isEmpty)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func importWithTextsKeepsTheTextsTheBodiesSealed(kind: StoreKind) async throws {
        let source = try await kind.makeStore().open()
        let (a, b) = (Self.text("t-a"), Self.text("t-b"))
        _ = try await source.append(Self.request("dossier-a", texts: [a]))
        _ = try await source.append(Self.request("dossier-b", texts: [b]))
        let envelopes = try await source.read(from: 1, limit: 10)
        await source.close()

        let test = try await kind.makeStore()
        let target = try await test.open()
        let refusals: [(String, [SealedText])] = [
            ("another text under a sealed ref", [a, SealedText(ref: "t-b", salt: b.salt, text: "not what was sealed")]),
            ("a ref no body holds", [a, Self.text("t-stranger")]),
            ("a short salt", [SealedText(ref: "t-a", salt: [1], text: a.text)]),
            ("a repeated text", [a, a]),
        ]
        for (fault, texts) in refusals {
            do {
                _ = try await target.importEnvelopes(envelopes, texts: texts)
                Issue.record("imported \(fault)")
            } catch let error as EventStoreError {
                #expect(error.code == .invalidRequest, "\(fault): \(error)")
            }
        }
        #expect(try await target.head().position == 0)
        #expect(try await target.allTexts(after: nil, limit: 10).isEmpty)

        // A text need not come along (it may have been erased in the source).
        #expect(try await target.importEnvelopes(Array(envelopes[0..<1]), texts: [a]).position == 1)
        #expect(try await target.importEnvelopes(Array(envelopes[1...]), texts: []).position == 2)
        #expect(try await target.allTexts(after: nil, limit: 10) == [a])
        await target.close()
        let reopened = try await test.open()
        #expect(try await reopened.texts(["t-a", "t-b"]) == ["t-a": a])
        await reopened.close()
    }

    /// Retries of one request, sent at once with texts sealed anew each time (other refs):
    /// only the append that lands writes texts, so no text is left that no event refers to.
    @Test(arguments: StoreKind.allCases)
    func retriesAnsweredWithTheFirstResultWriteNoTexts(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
            for attempt in 0..<16 {
                group.addTask {
                    var request = Self.request("dossier-a", texts: [Self.text("t-attempt-\(attempt)")])
                    request.requestId = "raise-once"
                    return try await store.append(request)
                }
            }
            return try await group.reduce(into: [AppendResult]()) { $0.append($1) }
        }
        #expect(Set(results.map(\.positions)) == [[1]])
        let kept = try await store.allTexts(after: nil, limit: 100)
        #expect(kept.count == 1)
        let landed = try await store.read(from: 1, limit: 10)
        #expect(landed.count == 1)
        #expect(FreeText.sealed(in: landed[0].data).map(\.text.ref) == kept.map(\.ref))
        await store.close()
    }
}
