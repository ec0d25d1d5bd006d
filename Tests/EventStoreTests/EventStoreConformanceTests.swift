import EventStore
import Events
import Testing

/// The `EventStore` contract, written once and run against every store.
@Suite struct EventStoreConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func appendsGetGaplessPositionsAndPerStreamVersions(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let first = try await store.append(Sample.request("dossier-a", 3, expected: .noStream))
        let second = try await store.append(Sample.request("dossier-b", 2))
        let third = try await store.append(Sample.request("dossier-a", 1, expected: .exact(3)))
        #expect(first == AppendResult(stream: "dossier-a", version: 3, positions: [1, 2, 3]))
        #expect(second == AppendResult(stream: "dossier-b", version: 2, positions: [4, 5]))
        #expect(third == AppendResult(stream: "dossier-a", version: 4, positions: [6]))
        let all = try await store.read(from: 1, limit: 100)
        #expect(all.map(\.position) == [1, 2, 3, 4, 5, 6])
        #expect(all.map(\.stream) == ["dossier-a", "dossier-a", "dossier-a", "dossier-b", "dossier-b", "dossier-a"])
        #expect(all.map(\.version) == [1, 2, 3, 1, 2, 4])
        #expect(all.allSatisfy { $0.actor == Sample.actor })
        #expect(try await store.streamVersion("dossier-a") == 4)
        #expect(try await store.streamVersion("dossier-none") == 0)
        let stream = try await store.readStream("dossier-a", from: 2, limit: 2)
        #expect(stream.map(\.version) == [2, 3])
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func wrongExpectedVersionIsAConflictAndWritesNothing(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        _ = try await store.append(Sample.request("dossier-a", 2))
        await #expect(throws: EventStoreError.self) { try await store.append(Sample.request("dossier-a", expected: .noStream)) }
        do {
            _ = try await store.append(Sample.request("dossier-a", expected: .exact(1)))
            Issue.record("expected a conflict")
        } catch let error as EventStoreError {
            #expect(error.code == .conflict)
            #expect(error.expected == .exact(1))
            #expect(error.actual == 2)
        }
        await #expect(throws: EventStoreError.self) { try await store.append(Sample.request("dossier-new", expected: .exact(1))) }
        #expect(try await store.head().position == 2)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func malformedAppendsAreRefusedWhole(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        let bad = [
            AppendRequest(stream: "", events: [Sample.event()], actor: Sample.actor),
            AppendRequest(stream: "dossier-a", events: [], actor: Sample.actor),
            AppendRequest(stream: "dossier-a", expectedVersion: .exact(0), events: [Sample.event()], actor: Sample.actor),
            AppendRequest(stream: String(repeating: "x", count: 500), events: [Sample.event()], actor: Sample.actor),
        ]
        for request in bad {
            do {
                _ = try await store.append(request)
                Issue.record("accepted \(request.stream.prefix(20))")
            } catch let error as EventStoreError {
                #expect(error.code == .invalidRequest)
            }
        }
        #expect(try await store.head().position == 0)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentWritersOnOneStreamGetExactlyOneWinnerPerVersion(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        for round in 0..<5 {
            let expected: ExpectedVersion = round == 0 ? .noStream : .exact(Int64(round))
            let outcomes = await withTaskGroup(of: Result<AppendResult, EventStoreError>.self) { group in
                for _ in 0..<48 {
                    group.addTask {
                        do { return .success(try await store.append(Sample.request("dossier-hot", expected: expected))) }
                        catch { return .failure(EventStoreError.from(error)) }
                    }
                }
                var all: [Result<AppendResult, EventStoreError>] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let winners = outcomes.compactMap { try? $0.get() }
            #expect(winners.count == 1, "round \(round)")
            #expect(winners.first?.version == Int64(round + 1))
            let losers = outcomes.compactMap { if case let .failure(error) = $0 { return error } else { return nil } }
            #expect(losers.count == 47)
            #expect(losers.allSatisfy { $0.code == .conflict && $0.actual == Int64(round + 1) })
        }
        let events = try await store.read(from: 1, limit: 100)
        #expect(events.map(\.version) == [1, 2, 3, 4, 5])
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func manyConcurrentWritersKeepPositionsGaplessAndStreamsOrdered(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<32 {
                group.addTask {
                    for _ in 0..<20 { _ = try await store.append(Sample.request("dossier-w\(writer % 8)", 1 + writer % 3)) }
                }
            }
            try await group.waitForAll()
        }
        var all: [EventEnvelope] = []
        try await store.readAll(pageSize: 97) { all += $0 }
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        var versions: [String: Int64] = [:]
        for envelope in all {
            #expect(envelope.version == (versions[envelope.stream] ?? 0) + 1)
            versions[envelope.stream] = envelope.version
        }
        #expect(try await ChainVerifier.verify(store).ok)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aRepeatedRequestIdReturnsTheFirstResultAlsoAfterReopening(kind: StoreKind) async throws {
        let test = try await kind.makeStore()
        let store = try await test.open()
        let first = try await store.append(Sample.request("dossier-a", 2, requestId: "req-1"))
        let again = try await store.append(Sample.request("dossier-a", 2, requestId: "req-1"))
        let differentBody = try await store.append(Sample.request("dossier-b", 5, requestId: "req-1"))
        #expect(again == first)
        #expect(differentBody == first)
        #expect(try await store.head().position == 2)
        await store.close()

        let reopened = try await test.open()
        #expect(try await reopened.append(Sample.request("dossier-a", 2, requestId: "req-1")) == first)
        #expect(try await reopened.head().position == 2)
        let concurrent = try await withThrowingTaskGroup(of: AppendResult.self) { group in
            for _ in 0..<16 { group.addTask { try await reopened.append(Sample.request("dossier-c", 1, requestId: "req-2")) } }
            var results: Set<AppendResult> = []
            for try await result in group { results.insert(result) }
            return results
        }
        #expect(concurrent.count == 1)
        #expect(try await reopened.head().position == 3)
        await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func readingTheLogInPagesSeesEveryEventOnce(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        for index in 0..<25 { _ = try await store.append(Sample.request("dossier-\(index % 4)", 2)) }
        var positions: [Int64] = []
        var next: Int64 = 1
        while true {
            let page = try await store.read(from: next, limit: 7)
            guard let last = page.last else { break }
            #expect(page.count <= 7)
            positions += page.map(\.position)
            next = last.position + 1
        }
        #expect(positions == Array(1...50))
        #expect(try await store.read(from: 51, limit: 10).isEmpty)
        #expect(try await store.read(from: 0, limit: 1).first?.position == 1)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func subscriptionCatchesUpThenFollowsLive(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        for _ in 0..<5 { _ = try await store.append(Sample.request("dossier-a")) }
        let received = Task {
            var positions: [Int64] = []
            for try await envelope in store.subscribe(from: 3, pageSize: 2) {
                positions.append(envelope.position)
                if positions.count == 8 { break }
            }
            return positions
        }
        try await Task.sleep(for: .milliseconds(50))
        for _ in 0..<5 { _ = try await store.append(Sample.request("dossier-b")) }
        #expect(try await received.value == [3, 4, 5, 6, 7, 8, 9, 10])
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func theHashChainVerifiesAndLinksEveryEvent(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        for index in 0..<10 { _ = try await store.append(Sample.request("dossier-\(index % 3)", 1 + index % 2)) }
        let events = try await store.read(from: 1, limit: 100)
        #expect(events.first?.previousHash == HashChain.genesisHex)
        for (earlier, later) in zip(events, events.dropFirst()) { #expect(later.previousHash == earlier.hash) }
        let report = try await ChainVerifier.verify(store)
        #expect(report.ok)
        #expect(report.checked == Int64(events.count))
        #expect(try await store.head() == LogHead(position: Int64(events.count), hash: events.last!.hash))
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func importCopiesALogWithIdenticalHashesAndRefusesABrokenChain(kind: StoreKind) async throws {
        let source = try await StoreKind.file.makeStore().open()
        for index in 0..<12 { _ = try await source.append(Sample.request("dossier-\(index % 5)", 2, requestId: "r\(index)")) }
        let envelopes = try await source.read(from: 1, limit: 100)
        let target = try await kind.makeStore().open()
        var tampered = envelopes[20]
        tampered.data = ["note": "rewritten history"]
        do {
            _ = try await target.importEnvelopes(Array(envelopes[0..<20]) + [tampered])
            Issue.record("a tampered envelope was imported")
        } catch let error as EventStoreError {
            #expect(error.code == .chainMismatch)
            #expect(error.position == 21)
        }
        #expect(try await target.head().position == 0)
        let head = try await target.importEnvelopes(envelopes)
        #expect(head == (try await source.head()))
        #expect(try await target.read(from: 1, limit: 100) == envelopes)
        #expect(try await target.append(Sample.request("dossier-0", 2, requestId: "r0")).positions == [1, 2])
        #expect(try await target.streamVersion("dossier-0") == 6)
        await source.close()
        await target.close()
    }
}
