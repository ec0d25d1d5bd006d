import Events
import Foundation
import RPC
import Testing
import TestSupport

/// The read log end to end over HTTP against `tafel serve`: the caller's `traceparent` is
/// continued and echoed, each dossier read is one record in that trace with the configured
/// processing activity, `audit.reads` lists it, and `tafel verify` verifies the read log's
/// chain after the server stopped.
@Suite(.serialized) struct ReadLogOverHTTPTests {
    static let traceId = "4bf92f3577b34da6a3ce929d0e0e4736"

    func post(_ fixture: ServerFixture, _ body: String, token: String, traceparent: String?) throws -> HTTPClientConnection.Response {
        var headers: [(String, String)] = [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)")]
        if let traceparent { headers.append(("traceparent", traceparent)) }
        return try fixture.server.connection().request("POST", "/rpc", body: Array(body.utf8), headers: headers)
    }

    @Test func aReadIsRecordedInTheCallersTraceAndTheChainVerifies() throws {
        let activities = FileManager.default.temporaryDirectory.appendingPathComponent("activities-\(UUID().uuidString).json").path
        try Data(#"{"dossier.get": "wijkaanpak-2026"}"#.utf8).write(to: URL(fileURLWithPath: activities))
        defer { try? FileManager.default.removeItem(atPath: activities) }
        let fixture = try ServerFixture(["--processing-activities", activities])
        defer { fixture.remove() }
        let admin = fixture.admin
        _ = try fixture.result("area.define", ["code": "SD-centrum", "name": "Centrum", "kind": "stadsdeel"], token: admin)
        let regisseur = try fixture.principal("regisseur-centrum", role: "regisseur", stadsdelen: ["SD-centrum"])
        let auditor = try fixture.principal("auditor-1", role: "auditor")
        _ = try fixture.result("table.establish", ["tableId": "centrum", "name": "Tafel Centrum", "stadsdeel": "SD-centrum", "members": []], token: regisseur)
        for id in ["d1", "d2"] {
            _ = try fixture.result("dossier.raise", ["tableId": "centrum", "title": "Overlast", "dossierId": .string(id)], token: regisseur)
        }

        let get = #"{"jsonrpc":"2.0","id":1,"method":"dossier.get","params":{"dossierId":"d1"}}"#
        let traced = try post(fixture, get, token: regisseur, traceparent: "00-\(Self.traceId)-00f067aa0ba902b7-01")
        #expect(traced.status == 200)
        let echoed = try #require(traced.header("traceparent"))
        let parts = echoed.split(separator: "-").map(String.init)
        #expect(parts.count == 4 && parts[0] == "00" && parts[1] == Self.traceId && parts[3] == "01", "\(echoed)")
        #expect(parts.count == 4 && parts[2].count == 16 && parts[2] != "00f067aa0ba902b7", "the server's own span: \(echoed)")

        let untraced = try post(fixture, get, token: regisseur, traceparent: "00-\(Self.traceId)-00f067aa0ba902b7")
        let fresh = try #require(untraced.header("traceparent")).split(separator: "-").map(String.init)
        #expect(fresh.count == 4 && fresh[1].count == 32 && fresh[1] != Self.traceId, "a malformed header starts a new trace")

        _ = try fixture.result("dossier.list", ["tableId": "centrum"], token: regisseur)

        let byDossier = try fixture.result("audit.reads", ["dossierId": "d1"], token: auditor)
        let records = byDossier["reads"]?.arrayValue ?? []
        #expect(records.count == 3, "two dossier.get and one dossier.list returned d1: \(records)")
        let first = try #require(records.first)
        #expect(first["traceId"] == .string(Self.traceId))
        #expect(first["spanId"] == .string(parts[2]))
        #expect(first["name"] == "dossier.get" && first["actor"] == "regisseur-centrum" && first["role"] == "regisseur")
        #expect(first["processingActivityId"] == "wijkaanpak-2026")
        #expect(first["dossierIds"] == ["d1"])
        #expect(records.last?["dossierIds"] == ["d1", "d2"] && records.last?["processingActivityId"] == "stadsdeeltafel-coordinatie")
        #expect(try fixture.failure("audit.reads", ["dossierId": "d1"], token: regisseur).code == -32003)

        let metrics = try fixture.server.connection().request("GET", "/metrics", headers: [])
        #expect(String(decoding: metrics.body, as: UTF8.self).contains("tafel_read_log_dropped_records_total 0"))
        #expect(fixture.server.stop() == 0)
        let verified = try TafelProcess.run(["verify", "--store", fixture.directory + "/data"])
        #expect(verified.status == 0)
        #expect(verified.stdout.contains("ok 3 reads head "), "\(verified.stdout)")
    }

    @Test func theReadLogCanBeTurnedOffAndABadActivityFileStopsTheServer() throws {
        let fixture = try ServerFixture(["--read-log", "off"])
        defer { fixture.remove() }
        let auditor = try fixture.principal("auditor-1", role: "auditor")
        _ = try fixture.result("events.read", token: auditor)
        let refused = try fixture.failure("audit.reads", ["actor": "auditor-1"], token: auditor)
        #expect(refused.code == -32010 && refused.data["rule"] == "read_log_off")
        #expect(fixture.server.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.directory + "/data/reads.log"))

        let bad = fixture.directory + "/activities.json"
        try Data(#"{"dossier.raise": "x"}"#.utf8).write(to: URL(fileURLWithPath: bad))
        let refusedStart = try TafelProcess.run(["serve", "--store", fixture.directory + "/data", "--port", "0", "--processing-activities", bad])
        #expect(refusedStart.status == 2 && refusedStart.stderr.contains("dossier.raise"), "\(refusedStart.stderr)")
    }
}
