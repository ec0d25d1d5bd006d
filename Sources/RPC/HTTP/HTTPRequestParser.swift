/// An incremental, strict HTTP/1.1 request parser without I/O: the connection feeds it the
/// bytes it has, and it answers with a request, a need for more bytes, or the HTTP error to
/// send before closing.
///
/// Strict where leniency is dangerous: `Transfer-Encoding` is refused (411, bodies need a
/// `Content-Length`), both framing headers at once or conflicting lengths are 400, obsolete
/// line folding is 400, and every limit is checked before the bytes behind it are read.
package struct HTTPRequestParser: Sendable {
    package enum Outcome: Sendable, Equatable {
        /// A whole request, and how many bytes of the input it used.
        case request(HTTPRequest, consumed: Int)
        /// The input ends inside a request.
        case needMore
        /// The input is not an acceptable request: answer `status` and close.
        case failure(status: Int, reason: String)
    }

    package var limits: HTTPLimits

    package init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    static let allowedMethods: Set<String> = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]

    /// Parses the request at the start of `bytes`.
    package func parse(_ bytes: [UInt8]) -> Outcome {
        var reader = HTTPRequestReader(parser: self)
        bytes.withUnsafeBufferPointer { reader.append($0) }
        return reader.next()
    }

    /// Everything of a request but its body, read from its head.
    struct Head: Sendable {
        var method: String
        var target: String
        var version: String
        var headers: [(name: String, value: String)]
        var contentLength: Int
        /// The client waits for `100 Continue` before sending the body.
        var expectsContinue: Bool
    }

    /// Parses a whole head: the bytes before the blank line that ends it.
    func parseHead(_ head: ArraySlice<UInt8>) -> Result<Head, HTTPRequestFailure> {
        // Read as bytes; a head that is not plain ASCII must at least be valid UTF-8.
        if head.contains(where: { $0 >= 0x80 }), String(validating: head, as: UTF8.self) == nil {
            return .failure(HTTPRequestFailure(status: 400, reason: "request head is not UTF-8"))
        }
        var lines = Self.lines(head)
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, let method = Self.allowedMethods.first(where: { $0.utf8.elementsEqual(parts[0]) }),
            parts[1].first == UInt8(ascii: "/") || parts[1].elementsEqual([UInt8(ascii: "*")]),
            parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return .failure(HTTPRequestFailure(status: 400, reason: "malformed request line")) }
        let version = Self.text(parts[2])
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(HTTPRequestFailure(status: 505, reason: "only HTTP/1.1 and HTTP/1.0 are spoken"))
        }
        guard lines.count <= limits.maximumHeaderCount else {
            return .failure(HTTPRequestFailure(status: 431, reason: "too many header fields"))
        }
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(lines.count)
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon != line.startIndex else {
                return .failure(HTTPRequestFailure(status: 400, reason: "malformed header field"))
            }
            if line.first == 0x20 || line.first == 0x09 { return .failure(HTTPRequestFailure(status: 400, reason: "obsolete line folding")) }
            let name = line[line.startIndex..<colon]
            guard name.allSatisfy(Self.isTokenByte) else { return .failure(HTTPRequestFailure(status: 400, reason: "malformed header name")) }
            var valueStart = colon + 1
            var valueEnd = line.endIndex
            while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
            while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            let value = line[valueStart..<valueEnd]
            if value.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
                return .failure(HTTPRequestFailure(status: 400, reason: "control character in header value"))
            }
            headers.append((Self.text(name.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }[...]), Self.text(value)))
        }
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        let hasTransferEncoding = headers.contains { $0.name == "transfer-encoding" }
        if hasTransferEncoding && !lengths.isEmpty {
            return .failure(HTTPRequestFailure(status: 400, reason: "both Content-Length and Transfer-Encoding"))
        }
        if hasTransferEncoding { return .failure(HTTPRequestFailure(status: 411, reason: "send the body with a Content-Length")) }
        if version == "HTTP/1.1", !headers.contains(where: { $0.name == "host" }) {
            return .failure(HTTPRequestFailure(status: 400, reason: "missing Host header"))
        }
        var length = 0
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18, first.allSatisfy(\.isWholeNumberASCII),
                let parsed = Int(first)
            else { return .failure(HTTPRequestFailure(status: 400, reason: "invalid Content-Length")) }
            length = parsed
        } else if method == "POST" || method == "PUT" || method == "PATCH" {
            return .failure(HTTPRequestFailure(status: 411, reason: "a body needs a Content-Length"))
        }
        if length > limits.maximumBodyBytes {
            return .failure(HTTPRequestFailure(status: 413, reason: "body larger than \(limits.maximumBodyBytes) bytes"))
        }
        let expectsContinue = headers.contains { $0.name == "expect" && $0.value.lowercased() == "100-continue" }
        return .success(
            Head(
                method: method, target: Self.text(parts[1]), version: version, headers: headers, contentLength: length,
                expectsContinue: expectsContinue))
    }

    /// The CRLF-separated lines of a request or response head (a lone CR or LF stays inside
    /// its line).
    static func lines(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var index = head.startIndex
        while index + 1 < head.endIndex {
            if head[index] == 0x0D && head[index + 1] == 0x0A {
                lines.append(head[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(head[start..<head.endIndex])
        return lines
    }

    /// RFC 9110 `tchar`: what a header name may be made of.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return tokenSymbols.contains(byte)
        }
    }

    static let tokenSymbols: Set<UInt8> = Set("!#$%&'*+-.^_`|~".utf8)

    /// Text of bytes already known to be valid UTF-8.
    static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A request line that is already wrong need not wait for the rest of the head.
    static func requestLineFault(_ line: ArraySlice<UInt8>) -> HTTPRequestFailure? {
        var spaces = 0
        for byte in line {
            if byte == 0 { return HTTPRequestFailure(status: 400, reason: "malformed request line") }
            if byte == 0x20 { spaces += 1 }
        }
        if line.isEmpty || spaces != 2 { return HTTPRequestFailure(status: 400, reason: "malformed request line") }
        return nil
    }
}

/// The HTTP error to answer before closing, for a request that cannot be served.
struct HTTPRequestFailure: Error, Sendable {
    var status: Int
    var reason: String
}

extension Character {
    var isWholeNumberASCII: Bool { isASCII && isNumber }
}
