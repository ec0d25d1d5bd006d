/// One parsed HTTP/1.1 request: what the server needs of it, nothing more.
package struct HTTPRequest: Sendable, Equatable {
    package var method: String
    package var target: String
    package var version: String
    /// Header names in lower case, in arrival order.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.version == rhs.version && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    /// The first value of header `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// Whether the connection stays open after the response (HTTP/1.1 default, unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`).
    package var keepAlive: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }
}
