import Events
import Foundation
import RPC
import Testing

/// Broken and hostile HTTP against a real server: each gets its HTTP error or a closed
/// connection, and afterwards the server still answers correctly.
@Suite(.serialized) struct ProtocolAbuseTests {
    func stillAnswers(_ fixture: ServerFixture) throws {
        let answer = try fixture.server.call("audit.verify", token: fixture.admin)
        #expect(answer["result"]?["ok"] == true)
    }

    func raw(_ fixture: ServerFixture, _ bytes: [UInt8]) throws -> HTTPClientConnection.Response? {
        let connection = try fixture.server.connection(timeout: 5)
        try connection.send(bytes)
        return try? connection.readResponse()
    }

    @Test func malformedHTTPGetsItsStatus() throws {
        let fixture = try ServerFixture(["--request-timeout", "1"])
        defer { fixture.remove() }
        #expect(try raw(fixture, Array("\u{0}\u{1}garbage\r\n\r\n".utf8))?.status == 400)
        #expect(try raw(fixture, Array("GET /health HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n".utf8))?.status == 400)
        #expect(try raw(fixture, Array("POST /rpc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))?.status == 411)
        #expect(try raw(fixture, Array("POST /rpc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc".utf8))?.status == 400)
        #expect(try raw(fixture, Array("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n".utf8))?.status == 413)
        #expect(try raw(fixture, Array("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n".utf8))?.status == 404)
        #expect(try raw(fixture, Array("GET /rpc HTTP/1.1\r\nHost: x\r\n\r\n".utf8))?.status == 405)
        #expect(try raw(fixture, Array("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}".utf8))?.status == 415)
        let endlessHeaders = Array("GET /health HTTP/1.1\r\nHost: x\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 20_000)
        #expect(try raw(fixture, endlessHeaders)?.status == 431)

        let truncated = try fixture.server.connection(timeout: 5)
        try truncated.send(Array("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\"".utf8))
        let slow = try truncated.readResponse()
        #expect(slow.status == 408)

        let big = try fixture.server.connection(timeout: 30)
        let tenMegabytes = [UInt8](repeating: UInt8(ascii: " "), count: 10 * 1024 * 1024)
        let refused = try? big.request("POST", "/rpc", body: tenMegabytes)
        #expect(refused == nil || refused?.status == 413)
        try stillAnswers(fixture)
        let metrics = try fixture.server.connection().request("GET", "/metrics", headers: []).text
        for status in [400, 404, 405, 408, 411, 413, 415, 431] {
            #expect(metrics.contains("tafel_http_responses_total{status=\"\(status)\"}"), "no count of \(status)")
            #expect(fixture.server.log.contains("\"outcome\":\"http_\(status)\""), "no log line for \(status)")
        }
        #expect(fixture.server.stop() == 0)
    }

    @Test func aSlowAnswerIsCutOffAndTheServerGoesOn() throws {
        let fixture = try ServerFixture(["--handler-timeout", "0.001"])
        defer { fixture.remove() }
        let batch = "[" + Array(repeating: #"{"jsonrpc":"2.0","id":1,"method":"audit.verify"}"#, count: 100).joined(separator: ",") + "]"
        let connection = try fixture.server.connection()
        let answer = try connection.request("POST", "/rpc", body: Array(batch.utf8), headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(fixture.admin)")])
        #expect(answer.status == 503)
        #expect(connection.isClosedByPeer())
        // With a 1 ms limit any request may run out of time; the server must answer again.
        var health: Int?
        for _ in 0..<20 where health != 200 {
            health = try fixture.server.connection().request("GET", "/health", headers: []).status
        }
        #expect(health == 200)
        #expect(fixture.server.stop() == 0)
    }

    @Test func anAnswerBeyondTheResponseLimitIsAnErrorNotAHugeBody() throws {
        // Given a server whose replies may hold at most 4 KiB (the discovery document is larger).
        let fixture = try ServerFixture(["--max-response-bytes", "4096"])
        defer { fixture.remove() }
        let headers = [("Content-Type", "application/json"), ("Authorization", "Bearer \(fixture.admin)")]

        // When one call and one batch ask for it.
        let single = try fixture.server.connection().request(
            "POST", "/rpc", body: Array(#"{"jsonrpc":"2.0","id":"big","method":"rpc.discover"}"#.utf8), headers: headers)
        let batch = try fixture.server.connection().request(
            "POST", "/rpc",
            body: Array(#"[{"jsonrpc":"2.0","id":1,"method":"rpc.discover"},{"jsonrpc":"2.0","id":2,"method":"audit.verify"}]"#.utf8),
            headers: headers)

        // Then each too-large answer is a -32603 response_too_large with its id, the rest of
        // the batch is answered, and no reply passes the limit.
        let answer = try JSONParser.parse(single.body)
        #expect(answer["id"] == "big")
        #expect(answer["error"]?["code"] == .int(-32603))
        #expect(answer["error"]?["data"]?["kind"] == "response_too_large")
        let answers = try JSONParser.parse(batch.body)
        #expect(answers[0]?["error"]?["data"]?["kind"] == "response_too_large")
        #expect(answers[1]?["result"]?["ok"] == true)
        #expect(single.body.count <= 4096 && batch.body.count <= 4096)
        #expect(fixture.server.log.contains("\"outcome\":\"response_too_large\""))
        #expect(fixture.server.stop() == 0)
    }

    @Test func keepAliveAndPipelining() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        let connection = try fixture.server.connection()
        for _ in 0..<50 {
            #expect(try connection.request("GET", "/health", headers: []).status == 200)
        }
        let one = Array("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        try connection.send(one + one + one)
        for _ in 0..<3 { #expect(try connection.readResponse().status == 200) }
        #expect(fixture.server.stop() == 0)
    }

    @Test func thousandsOfIdleConnectionsDoNotStopTheServer() throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        var idle: [HTTPClientConnection] = []
        for _ in 0..<2000 { idle.append(try fixture.server.connection()) }
        try stillAnswers(fixture)
        let metrics = try fixture.server.connection().request("GET", "/metrics", headers: [])
        let open = metrics.text.split(separator: "\n").first { $0.hasPrefix("tafel_open_connections ") }.flatMap { Int($0.split(separator: " ")[1]) }
        #expect((open ?? 0) >= 2000)
        idle.removeAll()
        try stillAnswers(fixture)
        #expect(fixture.server.stop() == 0)
    }
}
