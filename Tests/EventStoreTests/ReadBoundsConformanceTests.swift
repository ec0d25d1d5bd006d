import EventStore
import Events
import Testing

/// Reading with any position, version or limit answers a page and never traps: the store
/// API is public, and a caller's numbers may be anything an Int holds.
@Suite struct ReadBoundsConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func extremePositionsVersionsAndLimitsAnswerAPage(kind: StoreKind) async throws {
        let store = try await kind.makeStore().open()
        _ = try await store.append(Sample.request("dossier-a", 3))
        #expect(try await store.read(from: 2, limit: .max).map(\.position) == [2, 3])
        #expect(try await store.read(from: .min, limit: .max).map(\.position) == [1, 2, 3])
        #expect(try await store.read(from: .max, limit: .max).isEmpty)
        #expect(try await store.read(from: 1, limit: .min).isEmpty)
        #expect(try await store.readStream("dossier-a", from: 2, limit: .max).map(\.version) == [2, 3])
        #expect(try await store.readStream("dossier-a", from: .min, limit: .max).map(\.version) == [1, 2, 3])
        #expect(try await store.readStream("dossier-a", from: .max, limit: .max).isEmpty)
        await store.close()
    }
}
