@testable import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// `tafel verify`, `export` and `import` as an operator runs them.
@Suite struct CommandLineTests {
    static func filled(_ events: Int) async throws -> String {
        let directory = try TemporaryDirectory.make()
        let store = try FileEventStore.open(directory: directory)
        for index in 0..<events { _ = try await store.append(Sample.request("dossier-\(index % 4)", requestId: "r\(index)")) }
        await store.close()
        return directory
    }

    @Test func verifyPrintsTheCountAndHead() async throws {
        let directory = try await Self.filled(12)
        let store = try FileEventStore.open(directory: directory)
        let head = try await store.head()
        await store.close()
        let result = try TafelProcess.run(["verify", "--store", directory])
        #expect(result.status == 0)
        #expect(result.stdout == "ok 12 events head \(head.hash)\n")
    }

    @Test func verifyNamesTheFirstRewrittenPosition() async throws {
        let directory = try await Self.filled(12)
        let path = directory + "/events.log"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Rewrite the body of the record at position 5 and give it, and its batch frame,
        // matching checksums, as a forger with access to the file would: only the hash chain
        // can tell. Each append here is one batch: a frame header, then its one record.
        var offset = 16
        for _ in 1..<5 {
            offset += BatchFrame.headerSize
            offset += 8 + Int(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16)
        }
        let batch = offset
        offset += BatchFrame.headerSize
        let length = Int(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16)
        let payload = offset + 8
        let text = String(decoding: bytes[payload + 64..<payload + length], as: UTF8.self)
        let forged = Array(text.replacingOccurrences(of: "in_progress", with: "done_forged").utf8)
        try #require(forged.count == length - 64)
        bytes.replaceSubrange(payload + 64..<payload + length, with: forged)
        let crc = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[payload..<payload + length])) }
        for shift in 0..<4 { bytes[offset + 4 + shift] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(shift))) }
        let header = try #require(bytes.withUnsafeBytes { BatchFrame.header($0, at: batch) })
        var frame = Array(bytes[batch..<payload + length])
        BatchFrame.seal(&frame, at: 0, durableEnd: Int64(header.durableEnd), recordHeaders: Array(bytes[offset..<offset + 8]))
        bytes.replaceSubrange(batch..<payload + length, with: frame)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let result = try TafelProcess.run(["verify", "--store", directory])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("bad position 5:"), "\(result.stdout)")
    }

    @Test func aMissingOrBusyStoreIsAClearErrorNotACrash() async throws {
        let missing = try TafelProcess.run(["verify", "--store", "/nonexistent/tafel"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no store at /nonexistent/tafel"))

        let directory = try await Self.filled(3)
        let holder = try FileEventStore.open(directory: directory)
        let busy = try TafelProcess.run(["verify", "--store", directory])
        #expect(busy.status == 1)
        #expect(busy.stderr.contains("in use by another process (pid \(ProcessInfo.processInfo.processIdentifier))"))
        await holder.close()

        let unknown = try TafelProcess.run(["verify", "--store", directory, "--stroe", "x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown option --stroe"))
    }

    @Test func exportThenImportMovesALogBetweenStoresWithTheSameHashes() async throws {
        let source = try await Self.filled(40)
        let exported = try TafelProcess.run(["export", "--store", source])
        #expect(exported.status == 0)
        #expect(exported.stdout.split(separator: "\n").count == 40)
        var targets = [try TemporaryDirectory.make()]
        targets.append(try await PostgresTestDatabase.create())
        let expected = try TafelProcess.run(["verify", "--store", source]).stdout
        for target in targets {
            let imported = try TafelProcess.run(["import", "--store", target], input: Data(exported.stdout.utf8))
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(try TafelProcess.run(["verify", "--store", target]).stdout == expected)
            let again = try TafelProcess.run(["export", "--store", target])
            #expect(again.stdout == exported.stdout)
        }
        let tampered = exported.stdout.replacingOccurrences(of: "\"r7\"", with: "\"r7x\"")
        let refusedTarget = try TemporaryDirectory.make()
        let refused = try TafelProcess.run(["import", "--store", refusedTarget], input: Data(tampered.utf8))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("position 8"), "\(refused.stderr)")
        #expect(try TafelProcess.run(["verify", "--store", refusedTarget]).stdout.hasPrefix("ok 0 events"))
    }
}

@Suite struct TokenCommandTests {
    @Test func tokenIssuePrintsOnlyTheTokenAndStoresOnlyItsHash() async throws {
        let directory = try TemporaryDirectory.make()
        let issued = try TafelProcess.run(["token", "issue", "--store", directory, "--principal", "admin", "--role", "admin"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let token = issued.stdout.trimmingCharacters(in: .newlines)
        #expect(token.count == 44)
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        let exported = try TafelProcess.run(["export", "--store", directory]).stdout
        #expect(!exported.contains(token))
        #expect(exported.contains(Hex.encode(SHA256.hash(Array(token.utf8)))))
        #expect(exported.contains(#""principalId":"system""#))
        let refused = try TafelProcess.run(["token", "issue", "--store", directory, "--principal", "x", "--role", "king"])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
    }
}
