/// Every limit `tafel serve` enforces on its clients, each with a default and a flag.
package struct ServerLimits: Sendable, Equatable {
    package var http: HTTPLimits
    /// Elements in one JSON-RPC batch.
    package var maximumBatch: Int
    /// Bytes of one JSON-RPC reply; an answer beyond it is replaced by a -32603
    /// `response_too_large` error (a batch keeps the answers that fit).
    package var maximumResponseBytes: Int
    /// Open connections; beyond it a new connection is answered 503 and closed.
    package var maximumConnections: Int
    /// Seconds to receive one whole request once its first byte arrived (slowloris), and
    /// the longest a response being sent waits for the client to read any of it.
    package var requestTimeout: Double
    /// Seconds a keep-alive connection may sit idle between requests.
    package var idleTimeout: Double
    /// Seconds a request may take to answer before the client gets 503 and the connection closes.
    package var handlerTimeout: Double
    /// Seconds `SIGTERM` waits for requests in flight before closing anyway.
    package var shutdownGrace: Double

    package init(
        http: HTTPLimits = HTTPLimits(), maximumBatch: Int = 100, maximumResponseBytes: Int = 16 * 1024 * 1024, maximumConnections: Int = 4096, requestTimeout: Double = 10,
        idleTimeout: Double = 60, handlerTimeout: Double = 30, shutdownGrace: Double = 30
    ) {
        self.http = http
        self.maximumBatch = maximumBatch
        self.maximumResponseBytes = maximumResponseBytes
        self.maximumConnections = maximumConnections
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.handlerTimeout = handlerTimeout
        self.shutdownGrace = shutdownGrace
    }
}
