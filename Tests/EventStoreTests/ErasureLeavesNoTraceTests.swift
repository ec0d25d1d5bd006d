import Coordination
@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// What an erasure promises the resident, checked where an operator would look: after
/// `privacy.erase` through the service, the log still verifies (with `--texts` too), and
/// neither `tafel export` (with or without `--texts`), nor any file of the file store's
/// directory, nor any row of PostgreSQL's tables holds an erased text — while another
/// dossier's text is still there.
@Suite struct ErasureLeavesNoTraceTests {
    typealias E = ErasureServiceTests

    /// The store's location as `--store` takes it.
    static func argument(_ location: StoreLocation) -> String {
        switch location {
        case let .directory(path): path
        case let .postgres(uri): uri
        }
    }

    /// Every regular file under `directory`, by path, with its bytes.
    static func files(under directory: String) throws -> [(String, Data)] {
        let paths = FileManager.default.subpaths(atPath: directory) ?? []
        return try paths.compactMap { relative in
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return (relative, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func afterAnErasureTheLogVerifiesAndNoExportFileOrRowHoldsTheErasedText(_ kind: StoreKind) async throws {
        // Given a dossier whose texts name the Jansen family, and another dossier
        let testStore = try await kind.makeStore()
        let store = try await testStore.open()
        let service = try await E.world(store)
        // When the privacy officer erases the dossier's personal data
        let erased = try await service.execute(
            .erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: E.reason, requestRef: "AVG-2026-14"), by: E.officer)
        #expect(try await service.erasedCount(at: erased.positions) == E.dossierTexts.count)
        await store.close()
        let location = Self.argument(testStore.location)

        // Then the chain and every remaining text verify
        let verified = try TafelProcess.run(["verify", "--store", location])
        #expect(verified.status == 0 && verified.stdout.hasPrefix("ok"), "\(verified.stdout)\(verified.stderr)")
        let texts = try TafelProcess.run(["verify", "--store", location, "--texts"])
        #expect(texts.status == 0 && texts.stdout.hasPrefix("ok"), "\(texts.stdout)\(texts.stderr)")

        // and no export holds an erased text; the backup export holds the kept one
        for arguments in [["export", "--store", location], ["export", "--store", location, "--texts"]] {
            let exported = try TafelProcess.run(arguments)
            #expect(exported.status == 0, "\(arguments): \(exported.stderr)")
            #expect(exported.stdout.contains("PersonalDataErased"))
            for text in E.dossierTexts { #expect(!exported.stdout.contains(text), "\(arguments) holds \(text)") }
            #expect(exported.stdout.contains(E.keptSummary) == arguments.contains("--texts"), "\(arguments)")
        }

        // nor does the store itself, byte for byte
        switch testStore.location {
        case let .directory(directory):
            let files = try Self.files(under: directory)
            #expect(files.contains { $0.0 == "texts.log" })
            for (name, bytes) in files {
                for text in E.dossierTexts { #expect(bytes.range(of: Data(text.utf8)) == nil, "\(name) holds \(text)") }
            }
            #expect(files.contains { $0.1.range(of: Data(E.keptSummary.utf8)) != nil }, "the kept text is in no file")
        case let .postgres(uri):
            let bodies = try await PostgresTextStoreTests.query(uri, "SELECT body FROM texts").map { $0[0] ?? "" }
            #expect(bodies == [E.keptSummary])
            for table in ["events", "texts", "read_log"] {
                for text in E.dossierTexts {
                    let rows = try await PostgresTextStoreTests.query(uri, "SELECT count(*) FROM \(table) t WHERE strpos(t::text, $1) > 0", [text])
                    #expect(rows.first?[0] == "0", "\(table) holds \(text)")
                }
            }
        }
    }
}
