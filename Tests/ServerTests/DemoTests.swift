import Events
import Foundation
import RPC
import Testing
import TestSupport

/// `tafel demo` as a long end-to-end run: a year of tables through the real commands with
/// no refusal, every role's token working, the printed requests answering; the confidential
/// dossier closed to an unassigned department, the erased personal data in no answer and no
/// byte of the store, whose log and remaining texts verify.
@Suite(.serialized) struct DemoTests {
    @Test func theDemoLoadsAYearWithoutRefusalsAndItsRequestsWork() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-demo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServerProcess(["demo", "--store", directory + "/store", "--request-log", "off"], logPath: directory + "/demo.log")
        var printed = ""
        for _ in 0..<100 where !printed.contains("# privacy officer") {
            usleep(50_000)
            printed = server.output
        }
        #expect(server.log.contains(" 0 commands refused"), "\(server.log)")
        var tokens: [String: String] = [:]
        for line in printed.split(separator: "\n") where line.hasPrefix("export TOKEN_") {
            let assignment = line.dropFirst("export TOKEN_".count).split(separator: " ")[0].split(separator: "=", maxSplits: 1)
            tokens[String(assignment[0])] = String(assignment[1])
        }
        #expect(Set(tokens.keys) == ["ADMIN", "REGISSEUR", "WETHOUDER", "DEPARTMENT", "PARTNER", "AUDITOR", "PRIVACY"])

        let agenda = try server.call("agenda.get", ["tableId": "centrum"], token: tokens["REGISSEUR"])
        #expect(agenda["result"]?["meeting"]?["status"] == "scheduled")
        #expect((agenda["result"]?["items"]?.arrayValue?.count ?? 0) > 0)
        let dashboard = try server.call("dashboard.stadsdeel", ["stadsdeel": "SD-centrum"], token: tokens["WETHOUDER"])
        guard case let .object(counts)? = dashboard["result"]?["byStatus"] else { Issue.record("no dashboard"); return }
        #expect(counts.filter { $0.1 != 0 }.count >= 3, "the demo should hold dossiers in several states: \(counts)")
        let escalations = try server.call("dossier.list", ["limit": 1000], token: tokens["AUDITOR"])
        #expect((escalations["result"]?["items"]?.arrayValue?.count ?? 0) > 100)
        for state in ["open", "completed", "withdrawn"] {
            let decisions = try server.call("decision.list", ["tableId": "centrum", "state": .string(state)], token: tokens["REGISSEUR"])
            #expect((decisions["result"]?["items"]?.arrayValue?.count ?? 0) > 0, "the demo's actielijst has no \(state) decision")
        }
        let progressed = try server.call("decision.list", ["tableId": "centrum", "limit": 1000], token: tokens["REGISSEUR"])
        #expect(progressed["result"]?["items"]?.arrayValue?.contains { $0["progress"] != .null } == true, "no progress reported in the demo")

        for curl in printed.components(separatedBy: "curl -s ").dropFirst() {
            guard let body = curl.components(separatedBy: "-d '").last?.components(separatedBy: "'").first,
                let role = curl.components(separatedBy: "$TOKEN_").dropFirst().first?.prefix(while: { $0.isLetter })
            else { continue }
            let answer = try server.post(body, token: tokens[String(role)])
            #expect(answer.status == 200)
            let text = String(decoding: answer.json.map(\.canonicalBytes) ?? [], as: UTF8.self)
            #expect(!text.contains("\"error\""), "\(role): \(body): \(text)")
        }

        // The confidential dossier: Wonen, not assigned, may not read it and sees its agenda
        // item as "Vertrouwelijk agendapunt"; the partner assigned to it reads it.
        let confidential = "centrum-vertrouwelijk"
        let refused = try server.call("dossier.get", ["dossierId": .string(confidential)], token: tokens["DEPARTMENT"])
        #expect(refused["error"]?["code"] == -32003, "\(refused)")
        let hidden = try server.call("agenda.get", ["tableId": "centrum"], token: tokens["DEPARTMENT"])
        let item = hidden["result"]?["items"]?.arrayValue?.first { $0["dossierId"] == .string(confidential) }
        #expect(item?["title"] == "Vertrouwelijk agendapunt", "\(hidden)")
        let assigned = try server.call("dossier.get", ["dossierId": .string(confidential)], token: tokens["PARTNER"])
        #expect(assigned["result"]?["confidential"] == true, "\(assigned)")
        let reads = try server.call("audit.reads", ["dossierId": .string(confidential)], token: tokens["PRIVACY"])
        #expect(reads["result"]?["reads"]?.arrayValue?.contains { $0["actor"] == "politie-medewerker" } == true, "\(reads)")
        // The erasure: null with its marker, found by no search; a live text is found.
        let erased = try server.call("dossier.get", ["dossierId": "centrum-burenruzie"], token: tokens["ADMIN"])
        #expect(erased["result"]?["summary"] == .null && erased["result"]?["erased"]?["summary"]?["reason"] != nil, "\(erased)")
        let gone = try server.call("privacy.search", ["term": "de Vries"], token: tokens["PRIVACY"])
        #expect(gone["result"]?["hits"]?.arrayValue?.isEmpty == true, "\(gone)")
        let found = try server.call("privacy.search", ["term": "Rechtstraat 41"], token: tokens["PRIVACY"])
        #expect(found["result"]?["hits"]?.arrayValue?.count == 1, "\(found)")

        #expect(server.stop() == 0)
        let verified = try TafelProcess.run(["verify", "--store", directory + "/store", "--texts"])
        #expect(verified.status == 0 && verified.stdout.hasPrefix("ok"), "\(verified.stdout)\(verified.stderr)")
        for name in try FileManager.default.subpathsOfDirectory(atPath: directory + "/store") {
            guard let bytes = FileManager.default.contents(atPath: directory + "/store/" + name) else { continue }
            for erased in ["Boschstraat", "de Vries", "De Vries"] {
                #expect(bytes.range(of: Data(erased.utf8)) == nil, "\(name) holds \(erased)")
            }
        }
        let exported = try TafelProcess.run(["export", "--store", directory + "/store", "--texts"])
        #expect(exported.status == 0 && !exported.stdout.contains("Boschstraat") && exported.stdout.contains("Rechtstraat 41"))
    }
}
