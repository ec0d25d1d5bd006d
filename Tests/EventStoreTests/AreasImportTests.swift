import Coordination
import EventStore
import Events
import Foundation
import Testing
import TestSupport

/// `tafel areas import`: the shipped file loads; a file with bad rows names each by line
/// and imports nothing.
@Suite struct AreasImportTests {
    static var shippedFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ops/areas/maastricht.csv").path
    }

    @Test func theShippedAreasLoadAndABadFileImportsNothing() async throws {
        let directory = try TemporaryDirectory.make()
        let loaded = try TafelProcess.run(["areas", "import", "--store", directory, Self.shippedFile])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stderr.contains("imported 70 areas"))

        let bad = try TemporaryDirectory.make() + ".csv"
        try """
            code,name,kind,parent
            SD-centrum,Centrum,stadsdeel,GM0935
            WK093501,Binnenstad,wijk,SD-centrum
            WK09350,Te kort,wijk,SD-centrum
            BU09350101,Buurt,buurt,SD-centrum
            WK093502,Geen ouder,wijk,SD-nergens
            SD-centrum,Dubbel,stadsdeel,GM0935
            """.write(toFile: bad, atomically: true, encoding: .utf8)
        let target = try TemporaryDirectory.make()
        let refused = try TafelProcess.run(["areas", "import", "--store", target, bad])
        #expect(refused.status == 1)
        for line in [4, 5, 6, 7] { #expect(refused.stderr.contains("line \(line):"), "line \(line) not named: \(refused.stderr)") }
        #expect(!refused.stderr.contains("line 2:") && !refused.stderr.contains("line 3:"))
        #expect(try TafelProcess.run(["verify", "--store", target]).stdout.hasPrefix("ok 0 events"))
    }
}
