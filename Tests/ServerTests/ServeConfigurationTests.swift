import Events
import Foundation
import RPC
import Testing
import TestSupport

/// `tafel serve` settings from a config file, the environment and flags, in that order of
/// precedence, all of them documented by `tafel serve --help`.
@Suite(.serialized) struct ServeConfigurationTests {
    static let settings = [
        "store", "host", "port", "max-header-bytes", "max-body-bytes", "max-batch", "max-connections", "request-timeout",
        "idle-timeout", "handler-timeout", "shutdown-grace", "request-log", "read-log", "processing-activities", "config",
    ]

    @Test func helpDocumentsEverySettingAndItsEnvironmentVariable() throws {
        let help = try TafelProcess.run(["serve", "--help"])
        #expect(help.status == 0)
        for setting in Self.settings {
            #expect(help.stdout.contains("--\(setting) "), "--\(setting) undocumented")
            #expect(help.stdout.contains("TAFEL_" + setting.uppercased().replacingOccurrences(of: "-", with: "_")))
        }
        #expect(try TafelProcess.run(["--version"]).stdout.hasPrefix("tafel "))
        let typo = try TafelProcess.run(["serve", "--max-bach", "3"])
        #expect(typo.status == 2 && typo.stderr.contains("unknown option --max-bach"))
    }

    func batchAccepted(_ fixture: ServerFixture, size: Int) throws -> Bool {
        let batch = "[" + Array(repeating: #"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"#, count: size).joined(separator: ",") + "]"
        let answer = try fixture.server.post(batch, token: nil)
        if case .array = answer.json { return true }
        return false
    }

    @Test func flagsWinOverTheEnvironmentWhichWinsOverTheFile() throws {
        let file = NSTemporaryDirectory() + "/tafel-config-\(UUID().uuidString).conf"
        try "# a settings file\nmax-batch = 2   # small\nrequest-log = off\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }

        let fromFile = try ServerFixture(["--config", file])
        #expect(try batchAccepted(fromFile, size: 2) && !(try batchAccepted(fromFile, size: 3)))
        #expect(!fromFile.server.log.contains("\"method\":\"rpc.discover\""), "request-log = off was ignored")
        #expect(fromFile.server.stop() == 0)
        fromFile.remove()

        let fromEnvironment = try ServerFixture(["--config", file], environment: ["TAFEL_MAX_BATCH": "3"])
        #expect(try batchAccepted(fromEnvironment, size: 3) && !(try batchAccepted(fromEnvironment, size: 4)))
        #expect(fromEnvironment.server.stop() == 0)
        fromEnvironment.remove()

        let fromFlag = try ServerFixture(["--config", file, "--max-batch", "4"], environment: ["TAFEL_MAX_BATCH": "3"])
        #expect(try batchAccepted(fromFlag, size: 4) && !(try batchAccepted(fromFlag, size: 5)))
        #expect(fromFlag.server.stop() == 0)
        fromFlag.remove()

        try "max-bach = 2\n".write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try TafelProcess.run(["serve", "--config", file, "--store", NSTemporaryDirectory() + "/never-created-\(UUID().uuidString)"])
        #expect(refused.status == 2 && refused.stderr.contains(":1:"), "\(refused.stderr)")
    }
}
