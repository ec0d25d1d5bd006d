/// An incremental, strict HTTP/1.1 request parser without I/O: the connection feeds it the
/// bytes it has, and it answers with a request, a need for more bytes, or the HTTP error to
/// send before closing.
///
/// Strict where leniency is dangerous: `Transfer-Encoding` is refused (411, bodies need a
/// `Content-Length`), both framing headers at once or conflicting lengths are 400, obsolete
/// line folding is 400, and every limit is checked before the bytes behind it are read.
public struct HTTPRequestParser: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// A whole request, and how many bytes of the input it used.
        case request(HTTPRequest, consumed: Int)
        /// The input ends inside a request.
        case needMore
        /// The input is not an acceptable request: answer `status` and close.
        case failure(status: Int, reason: String)
    }

    public var limits: HTTPLimits

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    static let allowedMethods: Set<String> = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]

    /// Parses the request at the start of `bytes`.
    public func parse(_ bytes: [UInt8]) -> Outcome {
        guard let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, limit: limits.maximumHeaderBytes + 4) else {
            if bytes.count > limits.maximumHeaderBytes { return .failure(status: 431, reason: "request headers too large") }
            if let bad = Self.earlyFault(bytes) { return bad }
            return .needMore
        }
        if headerEnd > limits.maximumHeaderBytes { return .failure(status: 431, reason: "request headers too large") }
        let head = bytes[0..<headerEnd]
        // Read as bytes; a head that is not plain ASCII must at least be valid UTF-8.
        if head.contains(where: { $0 >= 0x80 }), String(validating: head, as: UTF8.self) == nil {
            return .failure(status: 400, reason: "request head is not UTF-8")
        }
        var lines = Self.lines(head)
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, let method = Self.allowedMethods.first(where: { $0.utf8.elementsEqual(parts[0]) }),
            parts[1].first == UInt8(ascii: "/") || parts[1].elementsEqual([UInt8(ascii: "*")]),
            parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return .failure(status: 400, reason: "malformed request line") }
        let version = Self.text(parts[2])
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(status: 505, reason: "only HTTP/1.1 and HTTP/1.0 are spoken")
        }
        guard lines.count <= limits.maximumHeaderCount else { return .failure(status: 431, reason: "too many header fields") }
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(lines.count)
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon != line.startIndex else {
                return .failure(status: 400, reason: "malformed header field")
            }
            if line.first == 0x20 || line.first == 0x09 { return .failure(status: 400, reason: "obsolete line folding") }
            let name = line[line.startIndex..<colon]
            guard name.allSatisfy(Self.isTokenByte) else { return .failure(status: 400, reason: "malformed header name") }
            var valueStart = colon + 1
            var valueEnd = line.endIndex
            while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
            while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            let value = line[valueStart..<valueEnd]
            if value.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
                return .failure(status: 400, reason: "control character in header value")
            }
            headers.append((Self.text(name.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }[...]), Self.text(value)))
        }
        let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
        let hasTransferEncoding = headers.contains { $0.name == "transfer-encoding" }
        if hasTransferEncoding && !lengths.isEmpty {
            return .failure(status: 400, reason: "both Content-Length and Transfer-Encoding")
        }
        if hasTransferEncoding { return .failure(status: 411, reason: "send the body with a Content-Length") }
        if version == "HTTP/1.1", !headers.contains(where: { $0.name == "host" }) {
            return .failure(status: 400, reason: "missing Host header")
        }
        var length = 0
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18, first.allSatisfy(\.isWholeNumberASCII),
                let parsed = Int(first)
            else { return .failure(status: 400, reason: "invalid Content-Length") }
            length = parsed
        } else if method == "POST" || method == "PUT" || method == "PATCH" {
            return .failure(status: 411, reason: "a body needs a Content-Length")
        }
        if length > limits.maximumBodyBytes {
            return .failure(status: 413, reason: "body larger than \(limits.maximumBodyBytes) bytes")
        }
        let bodyStart = headerEnd + 4
        guard bytes.count - bodyStart >= length else { return .needMore }
        let request = HTTPRequest(
            method: method, target: Self.text(parts[1]), version: version, headers: headers,
            body: Array(bytes[bodyStart..<bodyStart + length]))
        return .request(request, consumed: bodyStart + length)
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
    static func earlyFault(_ bytes: [UInt8]) -> Outcome? {
        guard let lineEnd = find([0x0D, 0x0A], in: bytes, limit: bytes.count) else { return nil }
        let line = bytes[0..<lineEnd]
        if line.isEmpty || line.contains(0) || line.filter({ $0 == 0x20 }).count != 2 {
            return .failure(status: 400, reason: "malformed request line")
        }
        return nil
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], limit: Int) -> Int? {
        let end = min(bytes.count, limit)
        guard end >= needle.count else { return nil }
        var index = 0
        while index + needle.count <= end {
            if bytes[index] == needle[0] {
                var match = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}

extension Character {
    var isWholeNumberASCII: Bool { isASCII && isNumber }
}
