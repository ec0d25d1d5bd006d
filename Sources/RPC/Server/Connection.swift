/// One client connection as the server's event loop sees it. Only the loop thread touches it.
final class Connection {
    enum Phase {
        /// Waiting for (the rest of) a request.
        case reading
        /// A request is being answered; `request` identifies it.
        case handling(request: UInt64, deadline: Double)
        /// Sending `output` from `written`.
        case writing
    }

    let descriptor: Int32
    var phase: Phase = .reading
    var input: [UInt8] = []
    var output: [UInt8] = []
    var written = 0
    /// Close once `output` is sent.
    var closeAfterWrite = false
    /// The peer closed its side; answer what is in flight, then close.
    var peerClosed = false
    /// When the first byte of the request being read arrived (slowloris limit).
    var requestStarted: Double?
    /// When the connection last finished a response or opened (idle limit).
    var idleSince: Double
    var sentContinue = false

    init(descriptor: Int32, now: Double) {
        self.descriptor = descriptor
        self.idleSince = now
    }

    var isIdle: Bool {
        if case .reading = phase { return input.isEmpty && output.isEmpty }
        return false
    }
}
