import Events
import Foundation
import RPC
import Testing

/// Deterministic fuzzing of the whole request path in process: seeded mutations of valid
/// HTTP requests carrying JSON-RPC bodies go through the HTTP parser, the routes and the
/// dispatcher (with a real coordination service on a file store). Every input must end in
/// a well-formed HTTP response (or a wait for more bytes, which the server ends with a
/// timeout): never a crash, never a malformed answer, never a write by a refused call.
@Suite struct DispatcherFuzzTests {
    static let bodies: [String] = [
        #"{"jsonrpc":"2.0","id":1,"method":"dossier.get","params":{"dossierId":"d1"}}"#,
        #"{"jsonrpc":"2.0","id":"x","method":"agenda.get","params":{"tableId":"t1","today":"2026-11-22"}}"#,
        #"[{"jsonrpc":"2.0","id":2,"method":"dossier.list","params":{"limit":5,"status":"open"}},{"jsonrpc":"2.0","method":"audit.verify"}]"#,
        #"{"jsonrpc":"2.0","id":3,"method":"dossier.raise","params":{"tableId":"t1","title":"Overlast","deadline":"2026-12-01"}}"#,
        #"{"jsonrpc":"2.0","id":null,"method":"events.read","params":{"fromPosition":1,"limit":2}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"audit.trail","params":{"actor":"auditor","limit":1}}"#,
        #"{"jsonrpc":"2.0","id":5,"method":"rpc.discover"}"#,
    ]

    static func request(_ body: String, token: String) -> [UInt8] {
        Array("POST /rpc HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer \(token)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    /// Whether `bytes` is one HTTP/1.1 response whose Content-Length matches its body.
    static func wellFormed(_ bytes: [UInt8]) -> Bool {
        guard let end = HTTPRequestParserAccess.headEnd(bytes) else { return false }
        let head = String(decoding: bytes[0..<end], as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 "), let status = Int(head.dropFirst(9).prefix(3)), (100...599).contains(status) else { return false }
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("Content-Length: ") }), let length = Int(line.dropFirst(16))
        else { return false }
        return bytes.count - end - 4 == length
    }

    /// Whether a JSON-RPC answer body is a response object (or a non-empty array of them).
    static func wellFormedAnswer(_ body: [UInt8]) -> Bool {
        guard let value = try? JSONParser.parse(body) else { return false }
        func one(_ response: JSONValue) -> Bool {
            guard response["jsonrpc"] == "2.0", response["id"] != nil else { return false }
            return (response["result"] != nil) != (response["error"] != nil)
        }
        if case let .array(elements) = value { return !elements.isEmpty && elements.allSatisfy(one) }
        return one(value)
    }

    @Test func a100000MutatedRequestsThroughParserRoutesAndDispatcher() async throws {
        let test = try await RPCTestService.make()
        let application = RPCApplication(dispatcher: test.dispatcher, log: RequestLog(enabled: false), connections: { 0 })
        let parser = HTTPRequestParser()
        let headBefore = await test.service.model.position
        var random = ParserFuzzTests.Generator(state: 4_242_2026)
        var tally = (answered: 0, waits: 0, refused: 0, rpc: 0, malformed: 0)
        let seeds = Self.bodies.map { Self.request($0, token: test.auditorToken) }
        for round in 0..<100_000 {
            if round % 500 == 0 { await Task.yield() }
            let input = ParserFuzzTests.mutate(seeds[round % seeds.count], &random)
            switch parser.parse(input) {
            case .needMore:
                tally.waits += 1
            case let .failure(status, reason):
                tally.refused += 1
                if !Self.wellFormed(HTTPResponse.problem(status, reason, close: true).serialized(keepAlive: false)) { tally.malformed += 1 }
            case let .request(request, _):
                tally.answered += 1
                let response = await application.handle(request)
                if !Self.wellFormed(response.serialized(keepAlive: true)) { tally.malformed += 1 }
                if response.status == 200, request.target == "/rpc", !response.body.isEmpty {
                    tally.rpc += 1
                    if !Self.wellFormedAnswer(response.body) { tally.malformed += 1 }
                }
            }
        }
        #expect(tally.malformed == 0)
        #expect(tally.answered > 10_000 && tally.refused > 5_000 && tally.waits > 5_000 && tally.rpc > 5_000, "\(tally)")
        // The auditor may not write: whatever the mutations made of the commands, nothing was appended.
        #expect(await test.service.model.position == headBefore)
        await test.close()
    }
}

/// Finds the end of an HTTP head (the blank line).
enum HTTPRequestParserAccess {
    static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}
