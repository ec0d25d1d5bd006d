@testable import EventStore
import Events
import Foundation
import Testing

/// Builders for read records.
enum ReadLogSample {
    static func record(actor: String, dossiers: [String], at milliseconds: Int64 = 1_780_000_000_000, name: String = "dossier.get") -> ReadRecord {
        ReadRecord(
            traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", name: name,
            startTime: Timestamp(millisecondsSinceEpoch: milliseconds), endTime: Timestamp(millisecondsSinceEpoch: milliseconds + 2),
            actor: actor, role: "regisseur", dossierIds: dossiers, processingActivityId: "stadsdeeltafel-coordinatie")
    }
}

/// The read log's contract, against both stores: sequence numbers from 1 without gaps, one
/// hash chain that verifies (also across reopening and across writers), selection by
/// dossier and actor in pages and time bounds.
@Suite struct ReadLogConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func recordsAreChainedDurableAndVerify(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let events = try await store.open()
        let log = try store.location.openReadLog()
        let first = try await log.append([ReadLogSample.record(actor: "a", dossiers: ["d2", "d1", "d2"]), ReadLogSample.record(actor: "b", dossiers: ["d1"])])
        #expect(first.map(\.sequence) == [1, 2])
        #expect(first[0].dossierIds == ["d1", "d2"], "sorted, without repeats")
        #expect(first[0].previousHash == HashChain.genesisHex)
        #expect(first[1].previousHash == first[0].hash)
        await log.close()

        let reopened = try store.location.openReadLog()
        let second = try await reopened.append([ReadLogSample.record(actor: "a", dossiers: ["d3"])])
        #expect(second.map(\.sequence) == [3])
        #expect(second[0].previousHash == first[1].hash, "the chain continues after reopening")
        let all = try await reopened.records(after: 0, limit: 10)
        #expect(all == first + second)
        let report = try await ReadLogVerifier.verify(reopened, pageSize: 2)
        #expect(report.ok && report.checked == 3 && report.headHash == second[0].hash)
        await reopened.close()
        await events.close()
    }

    @Test(arguments: StoreKind.allCases)
    func selectsByDossierAndActorInPagesAndTimeBounds(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let events = try await store.open()
        let log = try store.location.openReadLog()
        let base: Int64 = 1_780_000_000_000
        _ = try await log.append((0..<7).map { index in
            ReadLogSample.record(actor: index % 2 == 0 ? "even" : "odd", dossiers: index < 5 ? ["d1"] : ["d2"], at: base + Int64(index) * 1000)
        })
        let firstPage = try await log.records(matching: .dossier("d1"), from: nil, until: nil, after: 0, limit: 3)
        #expect(firstPage.map(\.sequence) == [1, 2, 3])
        let secondPage = try await log.records(matching: .dossier("d1"), from: nil, until: nil, after: 3, limit: 3)
        #expect(secondPage.map(\.sequence) == [4, 5])
        let byActor = try await log.records(matching: .actor("odd"), from: nil, until: nil, after: 0, limit: 10)
        #expect(byActor.map(\.sequence) == [2, 4, 6])
        let bounded = try await log.records(
            matching: .actor("even"), from: Timestamp(millisecondsSinceEpoch: base + 2000), until: Timestamp(millisecondsSinceEpoch: base + 4000),
            after: 0, limit: 10)
        #expect(bounded.map(\.sequence) == [3, 5])
        #expect(try await log.records(matching: .dossier("nobody"), from: nil, until: nil, after: 0, limit: 10).isEmpty)
        await log.close()
        await events.close()
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentWritersKeepOneChain(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let events = try await store.open()
        let one = try store.location.openReadLog()
        // Two server processes on one database each have their own connection; the file
        // store admits one process, whose writer may still be asked from several tasks.
        let other = kind == .postgres ? try store.location.openReadLog() : one
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                let log = index % 2 == 0 ? one : other
                group.addTask { _ = try await log.append([ReadLogSample.record(actor: "w\(index)", dossiers: ["d\(index)"]), ReadLogSample.record(actor: "w\(index)", dossiers: ["x"])]) }
            }
            try await group.waitForAll()
        }
        let report = try await ReadLogVerifier.verify(one)
        #expect(report.ok && report.checked == 32, "\(report)")
        await one.close()
        await other.close()
        await events.close()
    }

    @Test func theDirectEncodingIsTheCanonicalForm() {
        var record = ReadLogSample.record(actor: "a\"b\u{7}é", dossiers: ["d2", "d1", "d-\\"])
        record.sequence = 42
        #expect(record.canonicalBytes == record.canonical.canonicalBytes)
    }

    @Test func aTornTailIsCutAndDamageBeforeTheEndIsRefused() async throws {
        let store = try await StoreKind.file.makeStore()
        let events = try await store.open()
        guard case let .directory(directory) = store.location else { return }
        let log = try FileReadLog.open(directory: directory)
        _ = try await log.append([ReadLogSample.record(actor: "a", dossiers: ["d1"]), ReadLogSample.record(actor: "a", dossiers: ["d2"])])
        let path = directory + "/reads.log"
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try (whole + Data([0x40, 0, 0, 0, 1, 2])).write(to: URL(fileURLWithPath: path))
        let recovered = try FileReadLog.open(directory: directory)
        #expect(recovered.truncatedBytes == 6)
        #expect(try await recovered.records(after: 0, limit: 10).count == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)

        var damaged = whole
        damaged[FileReadLog.fileHeader.count + RecordFrame.headerSize + 70] ^= 0xFF
        try damaged.write(to: URL(fileURLWithPath: path))
        #expect(throws: EventStoreError.self) { try FileReadLog.open(directory: directory) }
        await events.close()
    }

    @Test func theTableRefusesRewritesEvenToItsOwner() async throws {
        let store = try await StoreKind.postgres.makeStore()
        let events = try await store.open()
        guard case let .postgres(uri) = store.location else { return }
        let log = PostgresReadLog(conninfo: uri)
        _ = try await log.append([ReadLogSample.record(actor: "a", dossiers: ["d1"])])
        let owner = ConfinedConnection(label: "test.owner", conninfo: uri)
        for statement in ["UPDATE read_log SET actor_id = 'b'", "DELETE FROM read_log", "TRUNCATE read_log"] {
            await #expect(throws: EventStoreError.self, "\(statement)") { _ = try await owner.run { try $0.query(statement) } }
        }
        owner.close()
        #expect(try await ReadLogVerifier.verify(log).checked == 1)
        await log.close()
        await events.close()
    }
}
