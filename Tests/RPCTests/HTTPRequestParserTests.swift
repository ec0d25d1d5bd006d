import RPC
import Testing

@Suite struct HTTPRequestParserTests {
    let parser = HTTPRequestParser(limits: HTTPLimits(maximumHeaderBytes: 1024, maximumHeaderCount: 20, maximumBodyBytes: 64))

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func parsesARequestWithItsBodyAndKeepsWhatFollows() {
        let first = "POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        let outcome = parser.parse(bytes(first + "GET /health HTTP/1.1\r\n"))
        guard case let .request(request, consumed) = outcome else {
            Issue.record("expected a request, got \(outcome)")
            return
        }
        #expect(consumed == first.utf8.count)
        #expect(request.method == "POST")
        #expect(request.target == "/rpc")
        #expect(request.header("CONTENT-TYPE") == "application/json")
        #expect(request.body == bytes("{}"))
        #expect(request.keepAlive)
    }

    @Test func waitsForTheRestOfAHeadOrBody() {
        #expect(parser.parse(bytes("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Len")) == .needMore)
        #expect(parser.parse(bytes("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"a\"")) == .needMore)
    }

    @Test(arguments: [
        ("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", 400),
        ("POST /rpc HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 411),
        ("POST /rpc HTTP/1.1\r\nHost: x\r\n\r\n", 411),
        ("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n", 413),
        ("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
        ("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
        ("POST /rpc HTTP/1.1\r\nHost: x\r\nX: a\r\n folded\r\nContent-Length: 0\r\n\r\n", 400),
        ("POST /rpc HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        ("BREW /rpc HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET rpc HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET /rpc HTTP/1.1\r\n\r\n", 400),
        ("GET /rpc HTTP/1.1\r\nBad Name: x\r\nHost: x\r\n\r\n", 400),
        ("\u{0}\u{1}garbage\r\n", 400),
    ])
    func refusesWhatIsUnsafeOrMalformed(text: String, status: Int) {
        guard case let .failure(got, _) = parser.parse(bytes(text)) else {
            Issue.record("accepted: \(text.debugDescription)")
            return
        }
        #expect(got == status, "\(text.debugDescription)")
    }

    @Test func headersWithoutEndStopAtTheLimit() {
        let endless = "GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: "X-A: b\r\n", count: 300)
        guard case .failure(431, _) = parser.parse(bytes(endless)) else {
            Issue.record("endless headers were not refused")
            return
        }
    }

    @Test func connectionCloseAndHTTP10() {
        guard case let .request(closing, _) = parser.parse(bytes("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
            case let .request(old, _) = parser.parse(bytes("GET / HTTP/1.0\r\n\r\n"))
        else {
            Issue.record("expected requests")
            return
        }
        #expect(!closing.keepAlive)
        #expect(!old.keepAlive)
    }
}
