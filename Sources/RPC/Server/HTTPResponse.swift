/// One HTTP/1.1 response, serialised with a `Content-Length` (never chunked).
package struct HTTPResponse: Sendable {
    package var status: Int
    package var contentType: String?
    package var headers: [(String, String)]
    package var body: [UInt8]
    /// Close the connection after sending (HTTP errors that leave the stream unreadable).
    package var close: Bool

    package init(status: Int, contentType: String? = nil, headers: [(String, String)] = [], body: [UInt8] = [], close: Bool = false) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
        self.close = close
    }

    /// A JSON body.
    package static func json(_ body: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: body)
    }

    /// A short plain-text explanation of an HTTP-level refusal.
    package static func problem(_ status: Int, _ reason: String, close: Bool = false, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", headers: headers, body: Array("\(status) \(reason)\n".utf8), close: close)
    }

    package func serialized(keepAlive: Bool, omitBody: Bool = false) -> [UInt8] {
        var bytes = serializedHead(keepAlive: keepAlive)
        if !omitBody { bytes += body }
        return bytes
    }

    /// The status line and headers, to be sent before ``body`` without copying it behind them.
    package func serializedHead(keepAlive: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += keepAlive && !close ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(head.utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }
}
