/// One client connection as the server's event loop sees it. Only the loop thread touches it.
final class Connection {
    enum Phase {
        /// Waiting for (the rest of) a request.
        case reading
        /// A request is being answered; `request` identifies it.
        case handling(request: UInt64, deadline: Double)
        /// Sending the response from `written`.
        case writing
    }

    let descriptor: Int32
    var phase: Phase = .reading
    var reader: HTTPRequestReader
    /// The response being sent: its head, then its body, from `written` on.
    var outputHead: [UInt8] = []
    var outputBody: [UInt8] = []
    var written = 0
    /// The task answering the request being handled, cancelled when it runs out of time.
    var task: Task<Void, Never>?
    /// Close once the response is sent.
    var closeAfterWrite = false
    /// The peer closed its side; answer what is in flight, then close.
    var peerClosed = false
    /// When the first byte of the request being read arrived (slowloris limit).
    var requestStarted: Double?
    /// When the connection last finished a response or opened (idle limit).
    var idleSince: Double
    /// When the response being sent last went out in part (or began): a client that stops
    /// reading holds its whole response in memory, so it gets only so long.
    var writeProgressAt = 0.0
    var sentContinue = false

    init(descriptor: Int32, now: Double, parser: HTTPRequestParser) {
        self.descriptor = descriptor
        self.idleSince = now
        self.reader = HTTPRequestReader(parser: parser)
    }

    var isIdle: Bool {
        if case .reading = phase { return reader.isEmpty }
        return false
    }

    var outputCount: Int { outputHead.count + outputBody.count }
}
