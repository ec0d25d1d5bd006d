import Glibc

/// A blocking HTTP/1.1 client connection with keep-alive: what `tafel bench rpc`, the
/// quick-start check and the end-to-end tests use to talk to a running server.
///
/// It reads responses framed by `Content-Length` (all this server sends) and can also send
/// raw bytes, so tests can speak broken HTTP on purpose.
package final class HTTPClientConnection {
    /// One response: status, headers (names in lower case) and body.
    package struct Response: Sendable {
        package var status: Int
        package var headers: [(name: String, value: String)]
        package var body: [UInt8]

        package func header(_ name: String) -> String? {
            let lower = name.lowercased()
            return headers.first { $0.name == lower }?.value
        }

        package var text: String { String(decoding: body, as: UTF8.self) }

        /// Whether the body holds `needle` (a byte search, cheap enough for a benchmark loop).
        package func bodyContains(_ needle: [UInt8]) -> Bool {
            guard !needle.isEmpty, body.count >= needle.count else { return false }
            var index = 0
            while index + needle.count <= body.count {
                if body[index] == needle[0], body[index..<index + needle.count].elementsEqual(needle) { return true }
                index += 1
            }
            return false
        }
    }

    /// Why a request got no (whole) response.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package var description: String

        package init(description: String) {
            self.description = description
        }
    }

    let descriptor: Int32
    let host: String
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)

    /// Connects to `host:port`; reads give up after `timeout` seconds of silence.
    package init(host: String, port: Int, timeout: Double = 10) throws(Failure) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else { throw Failure(description: "cannot resolve \(host)") }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "cannot connect to \(host):\(port): \(reason)")
        }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        self.descriptor = fd
        self.host = host
    }

    deinit { close(descriptor) }

    /// Sends a request and reads its response.
    package func request(
        _ method: String, _ path: String, body: [UInt8] = [], headers: [(String, String)] = [("Content-Type", "application/json")]
    ) throws(Failure) -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method == "POST" || !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8) + body)
        return try readResponse()
    }

    /// Writes `bytes` as they are.
    package func send(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if count > 0 { offset += count } else if count < 0 && errno == EINTR { continue } else {
                throw Failure(description: "send: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Reads one response (skipping `100 Continue`); fails if the server closes first.
    package func readResponse() throws(Failure) -> Response {
        while true {
            let end = try fill(untilHeaderEnd: ())
            let lines = HTTPRequestParser.lines(buffer[0..<end])
            guard let statusLine = lines.first, statusLine.count >= 12, statusLine.starts(with: Array("HTTP/1.".utf8)),
                let status = Int(String(decoding: statusLine[statusLine.startIndex + 9..<statusLine.startIndex + 12], as: UTF8.self))
            else { throw Failure(description: "malformed status line") }
            var headers: [(name: String, value: String)] = []
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
                let name = String(decoding: line[line.startIndex..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
                var valueStart = colon + 1
                while valueStart < line.endIndex, line[valueStart] == 0x20 { valueStart += 1 }
                headers.append((name, String(decoding: line[valueStart..<line.endIndex], as: UTF8.self)))
            }
            buffer.removeFirst(end + 4)
            if status == 100 { continue }
            guard let lengthText = headers.first(where: { $0.name == "content-length" })?.value, let length = Int(lengthText) else {
                throw Failure(description: "response without Content-Length")
            }
            while buffer.count < length { try receive() }
            let body = Array(buffer[0..<length])
            buffer.removeFirst(length)
            return Response(status: status, headers: headers, body: body)
        }
    }

    /// Whether the server has closed the connection (reads end of stream within `timeout`).
    package func isClosedByPeer() -> Bool {
        do {
            try receive()
            return false
        } catch {
            return true
        }
    }

    func fill(untilHeaderEnd: ()) throws(Failure) -> Int {
        var searched = 0
        while true {
            if buffer.count >= 4 {
                var index = max(0, searched - 3)
                while index + 4 <= buffer.count {
                    if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 { return index }
                    index += 1
                }
                searched = buffer.count
            }
            try receive()
        }
    }

    func receive() throws(Failure) {
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                chunk.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
                return
            }
            if count < 0 && errno == EINTR { continue }
            throw Failure(description: count == 0 ? "connection closed by the server" : "recv: \(String(cString: strerror(errno)))")
        }
    }
}
