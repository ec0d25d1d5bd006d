import Glibc

/// A blocking HTTP/1.1 client connection with keep-alive: what `tafel bench rpc`, the
/// quick-start check and the end-to-end tests use to talk to a running server.
///
/// It reads responses framed by `Content-Length` (all this server sends) and can also send
/// raw bytes, so tests can speak broken HTTP on purpose.
public final class HTTPClientConnection {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            let lower = name.lowercased()
            return headers.first { $0.name == lower }?.value
        }

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Why a request got no (whole) response.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    let descriptor: Int32
    let host: String
    var buffer: [UInt8] = []

    /// Connects to `host:port`; reads give up after `timeout` seconds of silence.
    public init(host: String, port: Int, timeout: Double = 10) throws(Failure) {
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
    public func request(
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
    public func send(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if count > 0 { offset += count } else if count < 0 && errno == EINTR { continue } else {
                throw Failure(description: "send: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Reads one response (skipping `100 Continue`); fails if the server closes first.
    public func readResponse() throws(Failure) -> Response {
        while true {
            let end = try fill(untilHeaderEnd: ())
            let head = String(decoding: buffer[0..<end], as: UTF8.self)
            var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
            let statusLine = lines.removeFirst().split(separator: " ")
            guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
                throw Failure(description: "malformed status line")
            }
            var headers: [(name: String, value: String)] = []
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: " ")))
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
    public func isClosedByPeer() -> Bool {
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
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return
            }
            if count < 0 && errno == EINTR { continue }
            throw Failure(description: count == 0 ? "connection closed by the server" : "recv: \(String(cString: strerror(errno)))")
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var text = self
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
