import EventStore
import Events
import Testing

/// Conditions on other streams (``AppendRequest/conditions``): a decision that read a
/// dossier while adding to a meeting lands only if the dossier did not move meanwhile.
@Suite struct AppendConditionConformanceTests {
    static func conditioned(_ stream: String, on conditions: [String: Int64]) -> AppendRequest {
        var request = Sample.request(stream)
        request.conditions = conditions
        return request
    }

    @Test(arguments: StoreKind.allCases)
    func anAppendLandsOnlyWhileItsConditionsHold(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        _ = try await store.append(Sample.request("dossier-a", 2))
        let held = try await store.append(Self.conditioned("meeting-m", on: ["dossier-a": 2, "table-t": 0]))
        #expect(held == AppendResult(stream: "meeting-m", version: 1, positions: [3]))
        _ = try await store.append(Sample.request("dossier-a"))
        let broken: [([String: Int64], String)] = [
            (["dossier-a": 2], "dossier-a"), (["dossier-a": 0], "dossier-a"), (["dossier-a": 3, "dossier-b": 1], "dossier-b"),
        ]
        for (conditions, stream) in broken {
            do {
                _ = try await store.append(Self.conditioned("meeting-m", on: conditions))
                Issue.record("accepted \(conditions)")
            } catch let error as EventStoreError {
                #expect(error.code == .conflict)
                #expect(error.stream == stream)
            }
        }
        #expect(try await store.head().position == 4)
        #expect(try await store.streamVersion("meeting-m") == 1)
        await store.close()
    }

    /// Many appends conditioned on a stream race one write to it: those planned before the
    /// write land, every one planned after it is a conflict, and none lands after the write.
    @Test(arguments: StoreKind.allCases)
    func aConditionRacingAWriteToItsStreamNeverLandsAfterIt(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        _ = try await store.append(Sample.request("dossier-a"))
        let results = await withTaskGroup(of: Result<AppendResult, EventStoreError>?.self) { group in
            for index in 0..<40 {
                if index == 20 {
                    group.addTask { _ = try? await store.append(Sample.request("dossier-a", expected: .exact(1))); return nil }
                }
                group.addTask {
                    do { return .success(try await store.append(Self.conditioned("meeting-\(index)", on: ["dossier-a": 1]))) }
                    catch { return .failure(EventStoreError.from(error)) }
                }
            }
            var results: [Result<AppendResult, EventStoreError>] = []
            for await result in group { if let result { results.append(result) } }
            return results
        }
        let log = try await store.read(from: 1, limit: 100)
        let moved = try #require(log.first { $0.stream == "dossier-a" && $0.version == 2 }).position
        #expect(log.allSatisfy { $0.stream == "dossier-a" || $0.position < moved })
        let landed = results.count { if case .success = $0 { true } else { false } }
        #expect(landed == log.count - 2)
        #expect(results.allSatisfy { if case let .failure(error) = $0 { error.code == .conflict } else { true } })
        await store.close()
    }

    /// Two writers on one database: a version one writer cached for a stream it only
    /// reads as a condition must not outlive another writer's append to it.
    @Test func aPostgresWriterDoesNotTrustACachedVersionAnotherWriterMoved() async throws {
        let test = try await StoreKind.postgres.makeStore()
        let first = try await test.open()
        let second = try await test.open()
        _ = try await first.append(Sample.request("dossier-a"))
        _ = try await second.append(Sample.request("dossier-a", expected: .exact(1)))
        // Refused once for the stale tail, then written: the first writer's tail is fresh again.
        _ = try await first.append(Sample.request("dossier-b"))
        await #expect(throws: EventStoreError.self) {
            try await first.append(Self.conditioned("meeting-m", on: ["dossier-a": 1]))
        }
        let landed = try await first.append(Self.conditioned("meeting-m", on: ["dossier-a": 2]))
        #expect(landed.positions == [4])
        await first.close()
        await second.close()
    }
}
