import Coordination
import EventStore
import Events
import Foundation
import Projections
import TestSupport
import Testing

/// What a query costs in events read from the store — work, not time: as-of queries start
/// from checkpoints, refusals come before any replay, and `audit.verify` continues where the
/// last verification ended.
@Suite struct QueryWorkTests {
    typealias S = Scenario

    /// The standard scenario plus `updates` status updates on d1: a log of a few thousand
    /// events, imported into a fresh file store behind a counting wrapper.
    static func service(updates: Int = 2600) async throws -> (CoordinationService, CountingStore, [EventEnvelope], String) {
        var scenario = S.standard()
        let statuses = ["in_progress", "open", "blocked", "done"]
        for index in 0..<updates {
            _ = try scenario.when(.updateStatus(dossierId: "d1", departmentId: "wonen", status: statuses[index % 4], note: nil), by: S.wonen).get()
        }
        var previous = HashChain.genesis
        let sealed = scenario.log.map { envelope in
            var copy = envelope
            previous = HashChain.seal(&copy, after: previous).hash
            return copy
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-work-\(UUID().uuidString)").path
        let file = try FileEventStore.open(directory: directory, create: true)
        _ = try await file.importEnvelopes(sealed)
        let store = CountingStore(file)
        let service = try await CoordinationService(store: store)
        return (service, store, sealed, directory)
    }

    static func close(_ store: CountingStore, _ directory: String) async {
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func anAsOfQueryNearACheckpointReadsFewEvents() async throws {
        let (service, store, log, directory) = try await Self.service()
        #expect(log.count > 2100)
        let far = try await service.answer(.dossier(dossierId: "d1", moment: .atPosition(2050), today: nil), by: S.regisseur)
        let first = store.counts.eventsRead
        #expect(first >= 2000)

        store.resetCounts()
        let near = try await service.answer(.dossier(dossierId: "d1", moment: .atPosition(2060), today: nil), by: S.regisseur)
        #expect(store.counts.eventsRead <= 2060 - 2048 + 1, "read \(store.counts.eventsRead) events")
        #expect(near != far)

        store.resetCounts()
        let byTime = try await service.answer(.dossier(dossierId: "d1", moment: .asOf(log[2054].recordedAt), today: nil), by: S.regisseur)
        #expect(store.counts.eventsRead <= 2 * (2055 - 2048) + 64, "read \(store.counts.eventsRead) events")

        store.resetCounts()
        let again = try await service.answer(.dossier(dossierId: "d1", moment: .atPosition(2060), today: nil), by: S.regisseur)
        #expect(again == near)
        #expect(store.counts.eventsRead == 1, "read \(store.counts.eventsRead) events")

        let fresh = try await HistoricalState.replay(file(of: store), until: .atPosition(2060))
        let cached = try await service.replay(until: .atPosition(2060))
        #expect(cached.model == fresh.model)
        #expect(cached.replayed == 0)
        let freshByTime = try await HistoricalState.replay(file(of: store), until: .asOf(log[2054].recordedAt))
        #expect(DossierView.render("d1", in: freshByTime.model, today: freshByTime.moment.amsterdamDate, texts: InlineTextReader()) == byTime)
        await Self.close(store, directory)
    }

    @Test func anAsOfQueryOutsideTheCallersScopeOrOnAnUnknownObjectReadsNothing() async throws {
        let (service, store, _, directory) = try await Self.service(updates: 200)
        store.resetCounts()
        await #expect(throws: DomainError.self) {
            try await service.answer(.dossier(dossierId: "d1", moment: .atPosition(150), today: nil), by: S.otherRegisseur)
        }
        await #expect(throws: DomainError.self) {
            try await service.answer(.agenda(tableId: "t1", meetingId: nil, moment: .atPosition(150), today: nil), by: S.otherRegisseur)
        }
        await #expect(throws: DomainError.self) {
            try await service.answer(.dossier(dossierId: "nope", moment: .atPosition(150), today: nil), by: S.admin)
        }
        #expect(store.counts == CountingStore.Counts())
        await Self.close(store, directory)
    }

    @Test func aCheckpointTheLogRefutesIsThrownAwayAndChangesNoAnswer() async throws {
        let (_, store, log, directory) = try await Self.service(updates: 1200)
        var cache = CheckpointCache<CoordinationModel>(spacing: 1024)
        let fresh = try await HistoricalState.replay(store, until: .atPosition(1100), checkpoints: &cache)
        #expect(cache.checkpoints.map(\.position) == [1024])
        let real = try #require(cache.checkpoints.first)
        #expect(real.hash == log[1023].hash)
        var lying = CheckpointCache<CoordinationModel>(spacing: 1024)
        lying.insert(.init(model: real.model, hash: log[0].hash, recordedAt: real.recordedAt))

        let fromLie = try await HistoricalState.replay(store, until: .atPosition(1100), checkpoints: &lying)
        #expect(fromLie.model == fresh.model)
        #expect(fromLie.replayed == 1100)
        #expect(lying.checkpoints.map(\.hash) == [log[1023].hash])
        await Self.close(store, directory)
    }

    @Test func aSecondAuditVerifyReadsOnlyTheNewEvents() async throws {
        let (service, store, log, directory) = try await Self.service(updates: 300)
        store.resetCounts()
        let first = try await service.answer(.auditVerify, by: S.wonen)
        #expect(first["ok"] == true)
        #expect(first["checked"] == .int(Int64(log.count)))
        #expect(store.counts.eventsRead >= log.count)

        for status in ["open", "in_progress", "open"] {
            _ = try await service.execute(.updateStatus(dossierId: "d1", departmentId: "wonen", status: status, note: nil), by: S.wonen)
        }
        store.resetCounts()
        let second = try await service.answer(.auditVerify, by: S.wonen)
        #expect(second["ok"] == true)
        #expect(second["checked"] == .int(Int64(log.count + 3)))
        #expect(store.counts.eventsRead <= 4, "read \(store.counts.eventsRead) events")
        let full = try await ChainVerifier.verify(store)
        #expect(second["head"]?["hash"] == .string(full.headHash))
        await Self.close(store, directory)
    }

    func file(of store: CountingStore) -> any EventStore { store.inner }
}
