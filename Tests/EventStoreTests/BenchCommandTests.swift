import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// `tafel bench append` as an operator runs it, on both stores, at a size that only shows
/// it works: every level reports a rate against a baseline measured in the same run, the
/// events it appended are a valid log, and the file store's scratch directory is gone.
/// The figures themselves belong in notes, never in assertions.
@Suite struct BenchCommandTests {
    static func levelLines(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix("concurrency ") }
    }

    static func rate(_ line: Substring) -> Int? {
        line.split(separator: " ").dropFirst(2).first.flatMap { Int($0) }
    }

    /// The number before `label` in a level's line: `… 1.2x label …` gives 1.2.
    static func ratio(_ line: Substring, _ label: String) -> Double? {
        guard let end = line.range(of: "x \(label)")?.lowerBound else { return nil }
        return Double(line[..<end].split(separator: " ").last ?? "")
    }

    @Test func onTheFileStoreEachLevelIsSetAgainstBothFlushBaselinesAndTheParseRate() throws {
        let scratch = try TemporaryDirectory.make()
        let result = try TafelProcess.run(["bench", "append", "--store", scratch, "--events", "300", "--concurrency", "1,4"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.levelLines(result.stdout)
        #expect(lines.map { $0.split(separator: ":")[0] } == ["concurrency 1", "concurrency 4"])
        for line in lines {
            #expect((Self.rate(line) ?? 0) > 0, "\(line)")
            #expect(line.contains("x fdatasync rate") && line.contains("x into preallocated blocks"), "\(line)")
            // Present, not positive: a debug build appending next to other tests can round to 0.0x.
            #expect(Self.ratio(line, "JSON parse rate") != nil, "\(line)")
        }
        let parsed = result.stdout.split(separator: "\n").filter { $0.hasPrefix("baseline: ") }.map { line in
            line.range(of: "JSONSerialization parses ").flatMap { Int(line[$0.upperBound...].prefix { $0.isNumber }) } ?? 0
        }
        #expect(parsed.count == 2 && parsed.allSatisfy { $0 > 0 }, "\(result.stdout)")
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("baseline: ") }.count == 2)
        #expect(!FileManager.default.fileExists(atPath: scratch), "the scratch store is removed")
    }

    @Test func inRoundsEachRoundHasItsOwnBaselineAndTheLevelReportsMedians() throws {
        let scratch = try TemporaryDirectory.make()
        let result = try TafelProcess.run(["bench", "append", "--store", scratch, "--events", "300", "--concurrency", "2", "--rounds", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.levelLines(result.stdout)
        #expect(lines.count == 1)
        #expect((Self.rate(lines[0]) ?? 0) > 0, "\(lines[0])")
        #expect(lines[0].contains("medians of 3 rounds"), "\(lines[0])")
        #expect(lines[0].contains("x fdatasync rate [") && lines[0].contains("x into preallocated blocks ["), "\(lines[0])")
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("baseline: ") }.count == 3)
        let refused = try TafelProcess.run(["bench", "append", "--store", scratch, "--rounds", "0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--rounds"))
    }

    @Test func onPostgreSQLEachLevelIsSetAgainstBothPgbenchBaselines() async throws {
        let uri = try await PostgresTestDatabase.create()
        let result = try TafelProcess.run([
            "bench", "append", "--store", uri, "--events", "200", "--concurrency", "1,4", "--baseline-transactions", "50",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.levelLines(result.stdout)
        #expect(lines.count == 2)
        for line in lines {
            #expect((Self.rate(line) ?? 0) > 0, "\(line)")
            #expect(line.contains("x single-row pgbench") && line.contains("x 100-row pgbench"), "\(line)")
        }
        let verified = try TafelProcess.run(["verify", "--store", uri])
        #expect(verified.status == 0)
        #expect(verified.stdout.hasPrefix("ok 400 events head "), "\(verified.stdout)")
    }

    /// With sealed notes every appended event's text is in the `texts` table, under the
    /// reference its body holds.
    @Test func withSealedTextsEveryNoteIsStoredBesideTheLog() async throws {
        let uri = try await PostgresTestDatabase.create()
        let result = try TafelProcess.run([
            "bench", "append", "--store", uri, "--events", "40", "--concurrency", "2", "--baseline-transactions", "20", "--texts", "sealed",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let store = try await PostgresEventStore.open(conninfo: uri)
        let events = try await store.read(from: 1, limit: 100)
        let texts = try await store.allTexts(after: nil, limit: 100)
        #expect(events.count == 40 && texts.count == 40)
        let byRef = Dictionary(uniqueKeysWithValues: texts.map { ($0.ref, $0) })
        for event in events {
            let note = try #require(event.data["note"].flatMap { FreeText(json: $0) })
            #expect(byRef[note.ref]?.matches(note) == true, "position \(event.position)")
        }
        await store.close()
        let refused = try TafelProcess.run(["bench", "append", "--store", uri, "--texts", "yes"])
        #expect(refused.status == 2)
    }
}
