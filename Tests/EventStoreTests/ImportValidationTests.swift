import EventStore
import Events
import Foundation
import Glibc
import Testing
import TestSupport

/// `tafel import` is all or nothing, and takes only bodies the event catalogue reads: a
/// crafted log, however well chained, is refused naming its first bad envelope.
@Suite struct ImportValidationTests {
    /// An export of `count` well-formed events with, at position `badAt`, a body that is
    /// chained correctly but does not fit its type (or a type this build does not know).
    static func export(count: Int, badAt: Int, bad: ProposedEvent) async throws -> String {
        // An import that refuses early stops reading its input; writing the rest must not kill the test run.
        signal(SIGPIPE, SIG_IGN)
        let store = try FileEventStore.open(directory: try TemporaryDirectory.make())
        let actor = Actor(principalId: "admin", role: "admin")
        for position in 1...count {
            let event =
                position == badAt
                ? bad : ProposedEvent(DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "open", note: FreeText(inline: "\(position)")))
            _ = try await store.append(AppendRequest(stream: "dossier-\(position % 7)", events: [event], actor: actor))
        }
        let lines = try await store.read(from: 1, limit: count).map { String(decoding: $0.json.canonicalBytes, as: UTF8.self) }
        await store.close()
        return lines.joined(separator: "\n") + "\n"
    }

    static let badBodies: [(String, ProposedEvent)] = [
        ("mistyped member", ProposedEvent(type: AgendaItemMoved.eventType, data: ["meetingId": "m1", "itemId": "a", "position": "first"])),
        ("missing member", ProposedEvent(type: DepartmentStatusUpdated.eventType, data: ["dossierId": "d1"])),
        ("unknown type", ProposedEvent(type: "DossierDeleted", data: ["dossierId": "d1"])),
        ("future schema", ProposedEvent(type: DossierClosed.eventType, schemaVersion: 9, data: ["dossierId": "d1", "resolution": "r"])),
        ("not an object", ProposedEvent(type: DossierClosed.eventType, data: ["d1"])),
    ]

    @Test(arguments: badBodies.indices)
    func aBodyTheCatalogueCannotReadRefusesTheWholeImport(index: Int) async throws {
        let (name, bad) = Self.badBodies[index]
        // The bad envelope comes after the first batch the import writes; it is the last line, so
        // the whole input is written before the import stops reading.
        let exported = try await Self.export(count: 1_103, badAt: 1_103, bad: bad)
        let target = try TemporaryDirectory.make()
        let refused = try TafelProcess.run(["import", "--store", target], input: Data(exported.utf8))
        #expect(refused.status == 1, "\(name)")
        #expect(refused.stderr.contains("line 1103"), "\(name): \(refused.stderr)")
        #expect(refused.stderr.contains("position 1103"), "\(name): \(refused.stderr)")
        #expect(refused.stderr.contains("nothing was imported"), "\(name): \(refused.stderr)")
        #expect(try TafelProcess.run(["verify", "--store", target]).stdout.hasPrefix("ok 0 events"), "\(name)")
    }

    @Test func aBrokenChainLateInTheLogImportsNothing() async throws {
        let exported = try await Self.export(count: 1_205, badAt: 0, bad: ProposedEvent(type: "unused", data: [:]))
        let tampered = exported.replacingOccurrences(of: #""note":"1205""#, with: #""note":"rewritten""#)
        let target = try TemporaryDirectory.make()
        let refused = try TafelProcess.run(["import", "--store", target], input: Data(tampered.utf8))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("position 1205"), "\(refused.stderr)")
        #expect(try TafelProcess.run(["verify", "--store", target]).stdout.hasPrefix("ok 0 events"))
        let imported = try TafelProcess.run(["import", "--store", target], input: Data(exported.utf8))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try TafelProcess.run(["verify", "--store", target]).stdout.hasPrefix("ok 1205 events"))
    }
}
