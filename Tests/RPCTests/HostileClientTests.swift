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

    /// 20,000 unknown params of 8 bytes each: the reply named each one twice in sentences of
    /// 40 bytes (message and detail), ten times the size of the request.
    @Test func thousandsOfBadParamsAreAnsweredInLessThanTheirOwnSize() async throws {
        let test = try await RPCTestService.make()
        let params = (0..<20_000).map { (String($0, radix: 36), JSONValue.int(0)) }
        let body = Self.request("events.read", params).canonicalBytes
        let (bytes, answer) = try await Self.send(test, body, token: test.auditorToken)
        #expect(answer["error"]?["code"] == -32602)
        #expect(answer["error"]?["data"]?["fields"]?.arrayValue?.count == 20_000, "data.fields still names every bad param")
        #expect(bytes.count < body.count, "a \(body.count)-byte request was answered with \(bytes.count) bytes")
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
}
