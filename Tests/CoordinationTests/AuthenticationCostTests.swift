import Coordination
import EventStore
import Events
import Foundation
import TestSupport
import Testing

/// What judging a bearer token costs the store: nothing per request, whoever sends it —
/// the model is trusted for a bounded time and caught up at most once per that time.
@Suite struct AuthenticationCostTests {
    typealias S = CoordinationServiceTests

    @Test func unknownTokensCostNoStoreRoundTrips() async throws {
        let (service, file) = try await S.service()
        let store = CountingStore(file)
        let counted = try await CoordinationService(store: store)
        let clock = ManualClock()
        await counted.limitStaleness(to: 1_000_000_000, clock: clock.reading)
        _ = try await counted.authenticate(token: Token.generate())
        store.resetCounts()

        for _ in 0..<1000 { #expect(try await counted.authenticate(token: Token.generate()) == nil) }
        #expect(store.counts == CountingStore.Counts())

        clock.advance(by: 1_500_000_000)
        for _ in 0..<1000 { #expect(try await counted.authenticate(token: Token.generate()) == nil) }
        #expect(store.counts.heads == 1)
        #expect(store.counts.reads <= 1)
        _ = service
        await file.close()
    }

    @Test func aRevocationBindsAnotherServiceOnTheSameStoreWithinTheStalenessBound() async throws {
        let (writer, file) = try await S.service()
        let token = Token.generate()
        _ = try await writer.execute(
            .registerPrincipal(principalId: "weth", name: "W", role: .wethouder, stadsdelen: [Scenario.noord], departments: [], tokenHash: Token.hash(token)),
            by: Scenario.admin)
        let reader = try await CoordinationService(store: file)
        let clock = ManualClock()
        await reader.limitStaleness(to: 1_000_000_000, clock: clock.reading)
        #expect(try await reader.authenticate(token: token)?.principalId == "weth")

        _ = try await writer.execute(.revokePrincipal(principalId: "weth"), by: Scenario.admin)
        clock.advance(by: 1_000_000_001)
        #expect(try await reader.authenticate(token: token) == nil)
        await file.close()
    }

    @Test func aFailingCatchUpIsNotRepeatedForEveryRequest() async throws {
        let (_, file) = try await S.service()
        let store = CountingStore(file)
        let service = try await CoordinationService(store: store)
        let clock = ManualClock()
        await service.limitStaleness(to: 1_000_000_000, clock: clock.reading)
        store.fail(.head, with: EventStoreError(.unavailable, "down"))
        store.resetCounts()
        for _ in 0..<100 {
            await #expect(throws: EventStoreError.self) { try await service.authenticate(token: Token.generate()) }
        }
        #expect(store.counts.heads == 1)
        await file.close()
    }

    @Test func healthProbesReadTheHeadAtMostOncePerInterval() async throws {
        let (_, file) = try await S.service()
        let store = CountingStore(file)
        let service = try await CoordinationService(store: store)
        let clock = ManualClock()
        await service.limitStaleness(to: 1_000_000_000, clock: clock.reading)
        store.resetCounts()
        for _ in 0..<100 { #expect(await service.status().headPosition == 8) }
        #expect(store.counts.heads == 1)
        clock.advance(by: 1_000_000_000)
        for _ in 0..<100 { _ = await service.status() }
        #expect(store.counts.heads == 2)
        await file.close()
    }
}
