@testable import EventStore
import Events
import Testing

/// The `requestId` contract of every store: an id belongs to the principal that sent it, a
/// retry with the same command gets the first result, a reuse for another command is
/// refused, and all of it survives a restart and moves with an exported log.
@Suite struct RequestScopeConformanceTests {
    static let wonen = Actor(principalId: "wonen-1", role: "department")
    static let regisseur = Actor(principalId: "regisseur-maastricht-noord", role: "regisseur")
    static let fingerprint = SHA256.hash(Array("command one".utf8))
    static let otherFingerprint = SHA256.hash(Array("command two".utf8))

    static func request(
        _ stream: String, by actor: Actor, requestId: String, fingerprint: [UInt8]? = Self.fingerprint, events: Int = 1
    ) -> AppendRequest {
        AppendRequest(
            stream: stream, events: (0..<events).map { Sample.event("\(stream) \($0)") }, actor: actor, requestId: requestId,
            requestFingerprint: fingerprint)
    }

    @Test(arguments: StoreKind.allCases)
    func anotherPrincipalsRequestIdAnswersNothing(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        // Given the regisseur took the id the department will use next.
        let taken = try await store.append(Self.request("dossier-a", by: Self.regisseur, requestId: "wonen-2026-12-04-1"))
        // When the department sends its own command with that id.
        let own = try await store.append(
            Self.request("dossier-b", by: Self.wonen, requestId: "wonen-2026-12-04-1", fingerprint: Self.otherFingerprint))
        // Then it is written and answered with its own result.
        #expect(own == AppendResult(stream: "dossier-b", version: 1, positions: [2]))
        #expect(taken.positions == [1])
        #expect(try await store.head().position == 2)
        await store.close()

        let reopened = try await test.open()
        let retried = try await reopened.append(
            Self.request("dossier-b", by: Self.wonen, requestId: "wonen-2026-12-04-1", fingerprint: Self.otherFingerprint))
        #expect(retried == own)
        #expect(try await reopened.append(Self.request("dossier-a", by: Self.regisseur, requestId: "wonen-2026-12-04-1")) == taken)
        #expect(try await reopened.head().position == 2)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aRequestIdReusedForAnotherCommandIsRefusedAndWritesNothing(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let first = try await store.append(Self.request("dossier-a", by: Self.wonen, requestId: "r-1", events: 2))
        do {
            _ = try await store.append(Self.request("dossier-a", by: Self.wonen, requestId: "r-1", fingerprint: Self.otherFingerprint))
            Issue.record("a reused requestId was answered")
        } catch let error as EventStoreError {
            #expect(error.code == .requestIdReused)
        }
        #expect(try await store.append(Self.request("dossier-a", by: Self.wonen, requestId: "r-1", events: 2)) == first)
        #expect(try await store.head().position == 2)
        // The log keeps the digest salted, never the fingerprint itself.
        let written = try await store.read(from: 1, limit: 10)
        let digest = try #require(written[0].requestDigest)
        #expect(digest == RequestDigest.make(fingerprint: Self.fingerprint, salt: written[0].eventId))
        #expect(digest != Hex.encode(Self.fingerprint))
        #expect(written[1].requestDigest == nil)
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()

        let reopened = try await test.open()
        do {
            _ = try await reopened.append(Self.request("dossier-c", by: Self.wonen, requestId: "r-1", fingerprint: Self.otherFingerprint))
            Issue.record("a reused requestId was answered after reopening")
        } catch let error as EventStoreError {
            #expect(error.code == .requestIdReused)
        }
        #expect(try await reopened.append(Self.request("dossier-a", by: Self.wonen, requestId: "r-1", events: 2)) == first)
        #expect(try await reopened.head().position == 2)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func requestsLoggedWithoutADigestStayIdempotent(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let legacy = try await store.append(Self.request("dossier-a", by: Self.wonen, requestId: "old", fingerprint: nil))
        #expect(try await store.read(from: 1, limit: 1)[0].requestDigest == nil)
        #expect(try await store.append(Self.request("dossier-a", by: Self.wonen, requestId: "old")) == legacy)
        await store.close()
        let reopened = try await test.open()
        #expect(try await reopened.append(Self.request("dossier-b", by: Self.wonen, requestId: "old")) == legacy)
        #expect(try await reopened.head().position == 1)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentUsesOfOneIdWriteOnceAndRefuseTheOtherCommand(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let outcomes = try await withThrowingTaskGroup(of: Result<AppendResult, EventStoreError>.self) { group in
            for index in 0..<16 {
                let fingerprint = index % 2 == 0 ? Self.fingerprint : Self.otherFingerprint
                group.addTask {
                    do {
                        return .success(
                            try await store.append(Self.request("dossier-\(index % 2)", by: Self.wonen, requestId: "r", fingerprint: fingerprint)))
                    } catch let error as EventStoreError {
                        return .failure(error)
                    }
                }
            }
            var outcomes: [Result<AppendResult, EventStoreError>] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let results = Set(outcomes.compactMap { try? $0.get() })
        let refusals = outcomes.compactMap { if case let .failure(error) = $0 { error.code } else { nil } }
        #expect(results.count == 1)
        #expect(refusals.count == 8)
        #expect(refusals.allSatisfy { $0 == .requestIdReused })
        #expect(try await store.head().position == 1)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func anImportedLogKeepsItsRequestsPerPrincipalWithTheirDigests(kind: StoreKind) async throws {
        let source = try await StoreKind.file.makeStore().open()
        let regisseurs = try await source.append(Self.request("dossier-a", by: Self.regisseur, requestId: "r"))
        let wonens = try await source.append(Self.request("dossier-b", by: Self.wonen, requestId: "r", fingerprint: Self.otherFingerprint))
        let target = try await kind.makeStore().open()
        _ = try await target.importEnvelopes(try await source.read(from: 1, limit: 10))
        #expect(try await target.append(Self.request("dossier-a", by: Self.regisseur, requestId: "r")) == regisseurs)
        #expect(try await target.append(Self.request("dossier-b", by: Self.wonen, requestId: "r", fingerprint: Self.otherFingerprint)) == wonens)
        do {
            _ = try await target.append(Self.request("dossier-b", by: Self.wonen, requestId: "r"))
            Issue.record("an imported request's id was reused for another command")
        } catch let error as EventStoreError {
            #expect(error.code == .requestIdReused)
        }
        #expect(try await target.head().position == 2)
        await source.close()
        await target.close()
    }
}
