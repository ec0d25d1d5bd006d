import Coordination
import Events
import RPC
import Testing

/// What a careless or hostile client found by sending requests to a running demo (issue
/// 20): each test is one request that was answered wrongly, driven through the dispatcher
/// as the HTTP server drives it, with the store's head checked where nothing may be written.
@Suite struct HostileClientTests {
    /// The whole answer to `body`, sent with `token`.
    static func send(_ test: RPCTestService, _ body: [UInt8], token: String?) async throws -> (bytes: [UInt8], json: JSONValue) {
        let bytes = await test.dispatcher.handle(body: body, authorization: token.map { "Bearer \($0)" }).body ?? []
        return (bytes, try JSONParser.parse(bytes))
    }

    static func request(_ method: String, _ params: [(String, JSONValue)], id: Int64 = 1) -> JSONValue {
        .object([("jsonrpc", "2.0"), ("id", .int(id)), ("method", .string(method)), ("params", .object(params))])
    }

    @Test func anOptionalParamGivenAsNullAndThenAgainIsGivenTwice() async throws {
        let test = try await RPCTestService.make()
        let body = #"{"jsonrpc":"2.0","id":1,"method":"events.read","params":{"limit":null,"limit":5}}"#
        let answer = try await Self.send(test, Array(body.utf8), token: test.auditorToken).json
        #expect(answer["error"]?["code"] == -32602)
        #expect(answer["error"]?["data"]?["fields"] == ["limit"])
        await test.close()
    }

    /// 300 unknown params of 7 bytes each: the reply named each one twice in sentences of
    /// 40 bytes (message and detail), ten times the size of the request. (Hundreds more no longer
    /// parse at all: the parse budget refuses such a body with -32600.)
    @Test func hundredsOfBadParamsAreAnsweredInAtMostTwiceTheirOwnSize() async throws {
        let test = try await RPCTestService.make()
        let params = (0..<300).map { (String($0, radix: 36), JSONValue.int(0)) }
        let body = Self.request("events.read", params).canonicalBytes
        let (bytes, answer) = try await Self.send(test, body, token: test.auditorToken)
        #expect(answer["error"]?["code"] == -32602)
        #expect(answer["error"]?["data"]?["fields"]?.arrayValue?.count == 300, "data.fields still names every bad param")
        #expect(bytes.count < 2 * body.count, "a \(body.count)-byte request was answered with \(bytes.count) bytes")
        await test.close()
    }

    /// A method name of one letter and 300,000 combining accents is one `Character`, so
    /// echoing its first 100 characters echoed all of it, twice, without any token.
    @Test func anUnknownMethodIsEchoedInAFewBytesHoweverLongItsName() async throws {
        let test = try await RPCTestService.make()
        let name = "a" + String(repeating: "\u{301}", count: 300_000)
        let body = Self.request(name, []).canonicalBytes
        let (bytes, answer) = try await Self.send(test, body, token: nil)
        #expect(answer["error"]?["code"] == -32601)
        #expect(bytes.count < 2_000, "a \(body.count)-byte method name was answered with \(bytes.count) bytes")
        await test.close()
    }

    /// The result, or the error object, of one call as the holder of `token`.
    static func call(_ test: RPCTestService, _ method: String, _ params: [(String, JSONValue)], token: String) async throws -> JSONValue {
        let answer = try await send(test, request(method, params).canonicalBytes, token: token).json
        return answer["result"] ?? answer["error"] ?? .null
    }

    /// A batch ran every element as the principal of its first, so an admin revoked (or
    /// re-keyed) by an element went on writing with the rest of the batch.
    @Test func aPrincipalRevokedOrReKeyedInABatchActsNoFurtherInIt() async throws {
        let test = try await RPCTestService.make()
        let token = Token.generate()
        _ = try await test.service.execute(
            .registerPrincipal(principalId: "beheer-2", name: "Beheer", role: .admin, stadsdelen: [], departments: [], tokenHash: Token.hash(token)),
            by: ActingPrincipal(principalId: "admin", role: .admin))
        let rekey = Self.request("principal.register", [("principalId", "beheer-2"), ("name", "Beheer"), ("role", "admin")], id: 1)
        let afterRekey = Self.request("department.register", [("departmentId", "wonen"), ("name", "Wonen")], id: 2)
        let rekeyed = try await Self.send(test, JSONValue.array([rekey, afterRekey]).canonicalBytes, token: token).json.arrayValue ?? []
        try #require(rekeyed.count == 2)
        #expect(rekeyed[0]["result"]?["token"] != nil)
        #expect(rekeyed[1]["error"]?["code"] == -32001, "the old token acted after the re-key: \(rekeyed)")
        guard case let .string(fresh)? = rekeyed[0]["result"]?["token"] else { Issue.record("no new token"); return }

        let head = try await test.store.head().position
        let revoke = Self.request("principal.revoke", [("principalId", "beheer-2")], id: 1)
        let afterRevoke = Self.request("department.register", [("departmentId", "zorg"), ("name", "Zorg")], id: 2)
        let revoked = try await Self.send(test, JSONValue.array([revoke, afterRevoke]).canonicalBytes, token: fresh).json.arrayValue ?? []
        try #require(revoked.count == 2)
        #expect(revoked[0]["result"] != nil)
        #expect(revoked[1]["error"]?["code"] == -32001, "a revoked admin acted: \(revoked)")
        #expect(try await test.store.head().position == head + 1, "only the revocation is written")
        await test.close()
    }

    @Test func aPositionPastTheLimitIsNamedWithTheLimit() async throws {
        let test = try await RPCTestService.make()
        let refused = try await Self.call(
            test, "agenda.moveItem", [("meetingId", "m1"), ("itemId", "i1"), ("position", .int(10_001))], token: test.adminToken)
        #expect(refused["code"] == -32602 && refused["data"]?["fields"] == ["position"])
        #expect(refused["message"] == "position must be 1 to 10000", "\(refused)")
        await test.close()
    }

    /// A wijk or buurt code was answered as a stadsdeel without any dossier: a wethouder
    /// asking for the Binnenstad read "nothing is open there".
    @Test func theDashboardOfAWijkOrBuurtIsNotFound() async throws {
        let test = try await RPCTestService.make()
        let admin = test.adminToken
        _ = try await Self.call(test, "area.define", [("code", "SD-centrum"), ("name", "Centrum"), ("kind", "stadsdeel")], token: admin)
        _ = try await Self.call(test, "area.define", [("code", "WK093501"), ("name", "Binnenstad"), ("kind", "wijk"), ("parent", "SD-centrum")], token: admin)
        _ = try await Self.call(test, "area.define", [("code", "BU09350101"), ("name", "Markt"), ("kind", "buurt"), ("parent", "WK093501")], token: admin)
        #expect(try await Self.call(test, "dashboard.stadsdeel", [("stadsdeel", "SD-centrum")], token: admin)["stadsdeel"] == "SD-centrum")
        for code in ["WK093501", "BU09350101"] {
            let refused = try await Self.call(test, "dashboard.stadsdeel", [("stadsdeel", .string(code))], token: admin)
            #expect(refused["code"] == -32004, "\(code): \(refused)")
        }
        await test.close()
    }

    /// `tableId` and `departmentId` filters name an unknown object with -32004; the
    /// `stadsdeel` filter answered an empty page, so a typo read as "no dossiers there".
    @Test func aDossierListOfAnUnknownStadsdeelIsNotFound() async throws {
        let test = try await RPCTestService.make()
        let admin = test.adminToken
        _ = try await Self.call(test, "area.define", [("code", "SD-centrum"), ("name", "Centrum"), ("kind", "stadsdeel")], token: admin)
        #expect(try await Self.call(test, "dossier.list", [("stadsdeel", "SD-centrum")], token: admin)["items"] == [])
        #expect(try await Self.call(test, "dossier.list", [("stadsdeel", "SD-centrun")], token: admin)["code"] == -32004)
        await test.close()
    }
}
