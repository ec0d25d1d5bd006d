import RPC
import Testing

/// The work of reading requests stays linear in the bytes a client sends, however it slices
/// them: counted by the reader itself (heads parsed, bytes scanned, bytes moved).
@Suite struct HTTPRequestReaderTests {
    let parser = HTTPRequestParser(limits: HTTPLimits(maximumHeaderBytes: 16 * 1024, maximumHeaderCount: 100, maximumBodyBytes: 1024 * 1024))

    func feed(_ reader: inout HTTPRequestReader, _ bytes: ArraySlice<UInt8>) {
        Array(bytes).withUnsafeBufferPointer { reader.append($0) }
    }

    /// Feeds `bytes` in pieces of `size`, asking for a request after each; returns the requests.
    func trickle(_ reader: inout HTTPRequestReader, _ bytes: [UInt8], size: Int) -> [HTTPRequest] {
        var requests: [HTTPRequest] = []
        var offset = 0
        while offset < bytes.count {
            feed(&reader, bytes[offset..<min(bytes.count, offset + size)])
            offset += size
            while case let .request(request, _) = reader.next() { requests.append(request) }
        }
        return requests
    }

    @Test func aRequestArrivingByteByByteHasItsHeadParsedOnceAndScannedOnce() {
        // Given a request with a 4 KiB head and a 64 KiB body.
        let head = "POST /rpc HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "p", count: 4000))\r\nContent-Length: 65536\r\n\r\n"
        let bytes = Array(head.utf8) + [UInt8](repeating: UInt8(ascii: " "), count: 65536)
        var reader = HTTPRequestReader(parser: parser)
        // When it arrives one byte per read.
        let requests = trickle(&reader, bytes, size: 1)
        // Then it is one request; its head was parsed once, each head byte scanned once, and
        // no body byte was moved.
        #expect(requests.count == 1)
        #expect(requests.first?.body.count == 65536)
        #expect(reader.statistics.headParses == 1)
        #expect(reader.statistics.bytesScanned <= head.utf8.count)
        #expect(reader.statistics.bytesMoved == 0)
    }

    @Test func aMebibyteBodyInSmallReadsIsNotRescanned() {
        // Given a 1 MiB body.
        let head = Array("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n".utf8)
        var reader = HTTPRequestReader(parser: parser)
        // When it arrives in 1000-byte reads.
        let requests = trickle(&reader, head + [UInt8](repeating: 0x20, count: 1024 * 1024), size: 1000)
        // Then the head was parsed once, and only the body bytes that came with it were moved.
        #expect(requests.count == 1)
        #expect(reader.statistics.headParses == 1)
        #expect(reader.statistics.bytesScanned <= head.count)
        #expect(reader.statistics.bytesMoved <= 1000)
    }

    @Test func aBodyReadBeforeTheRequestIsAskedForGoesStraightIntoItsArray() {
        // Given a 1 MiB body arriving in 64 KiB reads, all taken in before the server asks
        // for a request (as it does while the socket has more).
        let bytes = Array("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n".utf8) + [UInt8](repeating: 0x20, count: 1024 * 1024)
        var reader = HTTPRequestReader(parser: parser)
        var offset = 0
        while offset < bytes.count {
            feed(&reader, bytes[offset..<min(bytes.count, offset + 65536)])
            offset += 65536
        }
        // When the request is asked for.
        guard case let .request(request, _) = reader.next() else {
            Issue.record("no request")
            return
        }
        // Then only the body bytes of the first read went through the buffer.
        #expect(request.body.count == 1024 * 1024)
        #expect(reader.statistics.bytesMoved <= 65536)
    }

    @Test(arguments: [1, 7, 100, 65536])
    func pipelinedRequestsAreConsumedWithoutQuadraticCopies(readSize: Int) {
        // Given 2000 pipelined requests (about 100 KiB).
        let one = Array("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}".utf8)
        let stream = Array([[UInt8]](repeating: one, count: 2000).joined())
        var reader = HTTPRequestReader(parser: parser)
        // When they arrive in reads of `readSize` bytes.
        let requests = trickle(&reader, stream, size: readSize)
        // Then all are read, each head parsed once, and the bytes scanned and moved are at
        // most the bytes received (the old removeFirst moved about 100 MB here).
        #expect(requests.count == 2000)
        #expect(requests.allSatisfy { $0.body == Array("{}".utf8) })
        #expect(reader.statistics.headParses == 2000)
        #expect(reader.statistics.bytesScanned <= stream.count)
        #expect(reader.statistics.bytesMoved <= stream.count)
        #expect(reader.isEmpty)
    }

    @Test func anEndlessHeadIsRefusedAfterScanningItOnce() {
        // Given a head that never ends, arriving one byte at a time.
        let bytes = Array("GET / HTTP/1.1\r\nHost: x\r\nX: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 20_000)
        var reader = HTTPRequestReader(parser: parser)
        var outcome = HTTPRequestParser.Outcome.needMore
        var offset = 0
        while offset < bytes.count, outcome == .needMore {
            feed(&reader, bytes[offset...offset])
            offset += 1
            outcome = reader.next()
        }
        // Then it is 431 as soon as it passes the limit, each byte scanned once.
        #expect(outcome == .failure(status: 431, reason: "request headers too large"))
        #expect(offset == 16 * 1024 + 1)
        #expect(reader.statistics.bytesScanned <= offset)
    }

    @Test func aBadRequestLineIsRefusedBeforeTheRestOfTheHead() {
        var reader = HTTPRequestReader(parser: parser)
        feed(&reader, Array("GARBAGE\r\nHost: x\r\n".utf8)[...])
        #expect(reader.next() == .failure(status: 400, reason: "malformed request line"))
    }

    @Test func expectContinueIsKnownOnceTheHeadIsRead() {
        var reader = HTTPRequestReader(parser: parser)
        feed(&reader, Array("POST /rpc HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8)[...])
        #expect(reader.next() == .needMore)
        #expect(reader.expectsContinue)
        feed(&reader, Array("{}".utf8)[...])
        guard case let .request(request, _) = reader.next() else {
            Issue.record("no request")
            return
        }
        #expect(request.body == Array("{}".utf8))
        #expect(!reader.expectsContinue)
    }
}
