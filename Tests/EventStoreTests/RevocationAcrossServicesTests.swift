import Coordination
@testable import EventStore
import Events
import Foundation
import TestSupport
import Testing

/// Two coordination services on one PostgreSQL database, each with its own connections, as
/// two `tafel serve` processes are: a revocation or a narrowed scope committed through one
/// binds the other on its next request once its follow loop has the event, and at the latest
/// once the staleness bound has passed — without a store round trip per request.
@Suite struct RevocationAcrossServicesTests {
    static let admin = ActingPrincipal(principalId: "system", role: .admin)

    static func setUp(_ service: CoordinationService) async throws {
        _ = try await service.execute(.defineArea(code: "SD-noord", name: "Noord", kind: "stadsdeel", parent: nil), by: admin)
        _ = try await service.execute(.defineArea(code: "SD-zuid", name: "Zuid", kind: "stadsdeel", parent: nil), by: admin)
    }

    static func register(_ id: String, _ token: String, stadsdelen: [String], on service: CoordinationService) async throws {
        _ = try await service.execute(
            .registerPrincipal(principalId: id, name: id, role: .wethouder, stadsdelen: stadsdelen, departments: [], tokenHash: Token.hash(token)),
            by: admin)
    }

    @Test func aRevocationThroughOneServiceBindsTheOtherOnceTheBoundHasPassed() async throws {
        let uri = try await PostgresTestDatabase.create()
        let first = try await PostgresEventStore.open(conninfo: uri)
        let second = CountingStore(try await PostgresEventStore.open(conninfo: uri))
        let writer = try await CoordinationService(store: first)
        try await Self.setUp(writer)
        let token = Token.generate()
        try await Self.register("weth", token, stadsdelen: ["SD-noord", "SD-zuid"], on: writer)

        let reader = try await CoordinationService(store: second)
        let clock = ManualClock()
        await reader.limitStaleness(to: 1_000_000_000, clock: clock.reading)
        #expect(try await reader.authenticate(token: token)?.stadsdelen == ["SD-noord", "SD-zuid"])

        try await Self.register("weth", token, stadsdelen: ["SD-noord"], on: writer)
        clock.advance(by: 1_000_000_001)
        second.resetCounts()
        #expect(try await reader.authenticate(token: token)?.stadsdelen == ["SD-noord"])
        #expect(try await reader.authenticate(token: token)?.stadsdelen == ["SD-noord"])
        #expect(second.counts.heads == 1)

        _ = try await writer.execute(.revokePrincipal(principalId: "weth"), by: Self.admin)
        clock.advance(by: 1_000_000_001)
        #expect(try await reader.authenticate(token: token) == nil)
        await first.close()
        await second.close()
    }

    @Test func theFollowLoopBringsARevocationWithoutARequestPayingForIt() async throws {
        let uri = try await PostgresTestDatabase.create()
        let first = try await PostgresEventStore.open(conninfo: uri)
        let second = CountingStore(try await PostgresEventStore.open(conninfo: uri))
        let writer = try await CoordinationService(store: first)
        try await Self.setUp(writer)
        let token = Token.generate()
        try await Self.register("weth", token, stadsdelen: ["SD-noord"], on: writer)

        let reader = try await CoordinationService(store: second)
        let clock = ManualClock()
        await reader.limitStaleness(to: 1_000_000_000, clock: clock.reading)
        #expect(try await reader.authenticate(token: token)?.principalId == "weth")
        let follower = Task { await reader.follow() }

        let revoked = try await writer.execute(.revokePrincipal(principalId: "weth"), by: Self.admin)
        let target = try #require(revoked.positions.last)
        var waited = 0
        while await reader.model.position < target, waited < 1000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        second.resetCounts()
        #expect(try await reader.authenticate(token: token) == nil)
        #expect(second.counts.heads == 0)
        follower.cancel()
        await first.close()
        await second.close()
    }
}
