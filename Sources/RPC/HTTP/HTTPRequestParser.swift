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
        guard let head = String(validating: bytes[0..<headerEnd], as: UTF8.self) else {
            return .failure(status: 400, reason: "request head is not UTF-8")
        }
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, Self.allowedMethods.contains(String(parts[0])), parts[1].first == "/" || parts[1] == "*",
            parts[1].allSatisfy({ $0.isASCII && !$0.isWhitespace })
        else { return .failure(status: 400, reason: "malformed request line") }
        let version = String(parts[2])
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(status: 505, reason: "only HTTP/1.1 and HTTP/1.0 are spoken")
        }
        guard lines.count <= limits.maximumHeaderCount else { return .failure(status: 431, reason: "too many header fields") }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                return .failure(status: 400, reason: "malformed header field")
            }
            if line.first == " " || line.first == "\t" { return .failure(status: 400, reason: "obsolete line folding") }
            let name = line[..<colon]
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }) else {
                return .failure(status: 400, reason: "malformed header name")
            }
            let value = line[line.index(after: colon)...].trimmingSpaces
            if value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                return .failure(status: 400, reason: "control character in header value")
            }
            headers.append((name.lowercased(), value))
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
        } else if parts[0] == "POST" || parts[0] == "PUT" || parts[0] == "PATCH" {
            return .failure(status: 411, reason: "a body needs a Content-Length")
        }
        if length > limits.maximumBodyBytes {
            return .failure(status: 413, reason: "body larger than \(limits.maximumBodyBytes) bytes")
        }
        let bodyStart = headerEnd + 4
        guard bytes.count - bodyStart >= length else { return .needMore }
        let request = HTTPRequest(
            method: String(parts[0]), target: String(parts[1]), version: version, headers: headers,
            body: Array(bytes[bodyStart..<bodyStart + length]))
        return .request(request, consumed: bodyStart + length)
    }

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

extension Substring {
    var trimmingSpaces: String {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}

extension Character {
    var isWholeNumberASCII: Bool { isASCII && isNumber }
}
