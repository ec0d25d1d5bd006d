import Coordination
import EventStore
import Events
import Foundation
import RPC
import Testing

/// What the dispatcher writes to the read log: one record per answer with dossier data,
/// naming exactly the dossiers returned, in the caller's trace, with no params; and
/// `audit.reads`, which lists them for auditors and the privacy officer only.
@Suite struct ReadLogDispatchTests {
    static let trace = TraceContext(traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", flags: "01")

    func call(_ world: OrderOfChecksWorld, _ method: String, _ params: JSONValue, token: String, trace: TraceContext = trace) async throws -> JSONValue {
        let body = JSONValue.object([("jsonrpc", "2.0"), ("id", 1), ("method", .string(method)), ("params", params)])
        let (reply, _) = await world.test.dispatcher.handle(body: body.canonicalBytes, authorization: "Bearer \(token)", trace: trace)
        return try JSONParser.parse(try #require(reply))
    }

    func reads(_ world: OrderOfChecksWorld, _ params: JSONValue) async throws -> [JSONValue] {
        let answer = try await call(world, "audit.reads", params, token: world.tokens[.auditor]!)
        return try #require(answer["result"]?["reads"]?.arrayValue, "\(answer)")
    }

    @Test func aDossierReadIsOneRecordInTheCallersTraceWithNoParams() async throws {
        let world = try await OrderOfChecksWorld.make()
        let answer = try await call(world, "dossier.get", ["dossierId": "d1", "today": "2026-12-01"], token: world.tokens[.regisseur]!)
        #expect(answer["result"]?["dossierId"] == "d1")
        let records = try await reads(world, ["dossierId": "d1"])
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record["traceId"] == .string(Self.trace.traceId))
        #expect(record["spanId"] == .string(Self.trace.spanId))
        #expect(record["name"] == "dossier.get")
        #expect(record["actor"] == "reg-noord")
        #expect(record["role"] == "regisseur")
        #expect(record["statusCode"] == "OK")
        #expect(record["dossierIds"] == ["d1"])
        #expect(record["processingActivityId"] == "stadsdeeltafel-coordinatie")
        let keys = Set(record.objectMembers?.map(\.0) ?? [])
        #expect(keys == [
            "sequence", "traceId", "spanId", "name", "startTime", "endTime", "statusCode", "actor", "role", "dossierIds",
            "processingActivityId", "previousHash", "hash",
        ], "a record holds the standard's fields and its chain, never the params")
        #expect(!String(decoding: record.canonicalBytes, as: UTF8.self).contains("2026-12-01"), "the `today` param is not recorded")
        await world.test.close()
    }

    @Test func aListIsOneRecordNamingEveryDossierItReturnedAndAnEmptyAnswerNone() async throws {
        let world = try await OrderOfChecksWorld.make()
        _ = try await call(world, "dossier.list", ["tableId": "t1", "limit": 2], token: world.tokens[.regisseur]!)
        _ = try await call(world, "dossier.list", ["tableId": "t3"], token: world.tokens[.regisseur]!)
        _ = try await call(world, "dossier.get", ["dossierId": "d1"], token: world.tokens[.otherRegisseur]!)
        let records = try await reads(world, ["actor": "reg-noord"])
        #expect(records.count == 1, "the empty page of t3 returned no dossier")
        #expect(records.first?["dossierIds"] == ["d1", "d2"])
        #expect(try await reads(world, ["actor": "reg-zuid"]).isEmpty, "a refused read returned no dossier data")
        await world.test.close()
    }

    @Test func aBatchIsOneTraceWithASpanPerCall() async throws {
        let world = try await OrderOfChecksWorld.make()
        let batch = "[" + ["d1", "d3"].map { #"{"jsonrpc":"2.0","id":"\#($0)","method":"dossier.get","params":{"dossierId":"\#($0)"}}"# }.joined(separator: ",") + "]"
        _ = await world.test.dispatcher.handle(body: Array(batch.utf8), authorization: "Bearer \(world.tokens[.regisseur]!)", trace: Self.trace)
        let records = try await reads(world, ["actor": "reg-noord"])
        #expect(records.map { $0["dossierIds"] } == [["d1"], ["d3"]])
        #expect(Set(records.map { $0["traceId"] }) == [.string(Self.trace.traceId)])
        #expect(Set(records.map { $0["spanId"] }).count == 2)
        await world.test.close()
    }

    @Test func auditReadsPagesByActorAndIsForAuditorsAndThePrivacyOfficerOnly() async throws {
        let world = try await OrderOfChecksWorld.make()
        for dossier in ["d1", "d2", "d3", "d1", "d2"] {
            _ = try await call(world, "dossier.get", ["dossierId": .string(dossier)], token: world.tokens[.regisseur]!)
        }
        let first = try await call(world, "audit.reads", ["actor": "reg-noord", "limit": 2], token: world.tokens[.auditor]!)
        #expect(first["result"]?["reads"]?.arrayValue?.map { $0["dossierIds"] } == [["d1"], ["d2"]])
        let cursor = try #require(first["result"]?["nextCursor"])
        let second = try await call(world, "audit.reads", ["actor": "reg-noord", "limit": 2, "cursor": cursor], token: world.tokens[.auditor]!)
        #expect(second["result"]?["reads"]?.arrayValue?.map { $0["dossierIds"] } == [["d3"], ["d1"]])
        let third = try await call(world, "audit.reads", ["actor": "reg-noord", "limit": 2, "cursor": second["result"]!["nextCursor"]!], token: world.tokens[.auditor]!)
        #expect(third["result"]?["reads"]?.arrayValue?.count == 1)
        #expect(third["result"]?["nextCursor"] == .null)
        #expect(try await reads(world, ["dossierId": "d1"]).count == 2)

        let privacy = Token.generate()
        _ = try await world.test.service.execute(
            .registerPrincipal(principalId: "fg", name: "FG", role: .privacy, stadsdelen: [], departments: [], tokenHash: Token.hash(privacy)),
            by: ActingPrincipal(principalId: "system", role: .admin))
        let byPrivacy = try await call(world, "audit.reads", ["dossierId": "d2"], token: privacy)
        #expect(byPrivacy["result"]?["reads"]?.arrayValue?.count == 2)
        for who in [OrderOfChecksTable.Who.admin, .regisseur, .otherDepartment] {
            let refused = try await call(world, "audit.reads", ["dossierId": "d1"], token: world.tokens[who]!)
            #expect(refused["error"]?["code"] == -32003, "\(who)")
        }
        let both = try await call(world, "audit.reads", ["dossierId": "d1", "actor": "reg-noord"], token: world.tokens[.auditor]!)
        #expect(both["error"]?["code"] == -32602)
        #expect(try await reads(world, ["actor": "auditor"]).isEmpty, "audit.reads itself returns no dossier data")
        await world.test.close()
    }

    @Test func theRecordsOfTheLogVerify() async throws {
        let world = try await OrderOfChecksWorld.make()
        for dossier in ["d1", "d2", "d3"] {
            _ = try await call(world, "dossier.get", ["dossierId": .string(dossier)], token: world.tokens[.regisseur]!)
        }
        _ = try await call(world, "agenda.get", ["tableId": "t1"], token: world.tokens[.regisseur]!)
        let writer = try #require(world.test.dispatcher.reads?.writer)
        await writer.flush()
        let report = try await ReadLogVerifier.verify(writer.log)
        #expect(report.ok && report.checked == 3, "agenda.get of items without dossiers returned no dossier: \(report)")
        await world.test.close()
    }

    @Test func aFullBufferDropsAndCountsInsteadOfWaiting() async throws {
        let world = try await OrderOfChecksWorld.make()
        let directory = world.test.directory + "/small"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let writer = ReadLogWriter(log: try FileReadLog.open(directory: directory), capacity: 2)
        for index in 0..<5 {
            writer.submit(ReadRecord(
                traceId: Self.trace.traceId, spanId: Self.trace.spanId, name: "dossier.get", startTime: .now(), endTime: .now(),
                actor: "a", role: "regisseur", dossierIds: ["d\(index)"], processingActivityId: "x"))
        }
        #expect(writer.dropped == 3)
        await writer.flush()
        #expect(try await writer.log.records(after: 0, limit: 10).map(\.dossierIds) == [["d0"], ["d1"]])
        await world.test.close()
    }

    @Test func withTheReadLogOffAuditReadsSaysSo() async throws {
        let world = try await OrderOfChecksWorld.make()
        await world.test.service.useReadLog(nil)
        let answer = try await call(world, "audit.reads", ["dossierId": "d1"], token: world.tokens[.auditor]!)
        #expect(answer["error"]?["code"] == -32010)
        #expect(answer["error"]?["data"]?["rule"] == "read_log_off")
        await world.test.close()
    }

    @Test func traceparentIsParsedStrictly() {
        let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        #expect(TraceContext.parse(valid)?.traceId == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(TraceContext.continuing(valid).traceId == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(TraceContext.continuing(valid).spanId != "00f067aa0ba902b7", "the server's span is its own")
        for bad in [
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", "", "garbage",
        ] {
            #expect(TraceContext.parse(bad) == nil, "\(bad)")
            #expect(TraceContext.continuing(bad).traceId != "4bf92f3577b34da6a3ce929d0e0e4736", "\(bad)")
        }
        let fresh = TraceContext.fresh()
        #expect(TraceContext.parse(fresh.header) != nil)
    }

    @Test func processingActivitiesAreValidatedAndDefaulted() throws {
        let parsed = try ProcessingActivities.parse(Array(#"{"dossier.get": "wijkaanpak-2026"}"#.utf8))
        #expect(parsed.id(for: "dossier.get") == "wijkaanpak-2026")
        #expect(parsed.id(for: "agenda.get") == "stadsdeeltafel-coordinatie")
        for bad in [#"[]"#, #"{"dossier.raise": "x"}"#, #"{"audit.reads": "x"}"#, #"{"dossier.get": ""}"#, #"{"dossier.get": 3}"#, "{"] {
            #expect(throws: ProblemText.self, "\(bad)") { try ProcessingActivities.parse(Array(bad.utf8)) }
        }
    }
}
