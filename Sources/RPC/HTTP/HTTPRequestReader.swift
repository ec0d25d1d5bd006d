/// The bytes one connection has sent, on their way to requests: the connection appends
/// what each read brings, and ``next()`` answers a whole request, a need for more bytes, or
/// the HTTP error to send before closing.
///
/// It exists so that the work per connection stays linear in what the client sends, however
/// the client slices it. The search for the end of a head resumes where the last one
/// stopped; a head is parsed once, and the body then goes straight into its own array, sized
/// once from `Content-Length`; a consumed request is skipped by an offset, and the bytes
/// behind it move to the front only when they are fewer than the bytes already consumed
/// (so each byte moves at most once on average). ``statistics`` counts that work.
package struct HTTPRequestReader: Sendable {
    /// The work done so far, for tests and diagnosis.
    package struct Statistics: Sendable, Equatable {
        /// Request heads parsed (one per request, however many reads it took).
        package var headParses = 0
        /// Bytes examined in search of the end of a head.
        package var bytesScanned = 0
        /// Bytes moved inside the reader: unread bytes to the front of the buffer, and body
        /// bytes that arrived together with their head.
        package var bytesMoved = 0
    }

    package let parser: HTTPRequestParser
    package private(set) var statistics = Statistics()
    private var buffer: [UInt8] = []
    /// The first byte of `buffer` not yet part of a returned request.
    private var start = 0
    /// Bytes of `buffer` before this index have been searched for the end of the head.
    private var scanned = 0
    /// The request line has been found and checked.
    private var requestLineChecked = false
    /// The head of the request whose body is being read, and how many bytes it took.
    private var head: (head: HTTPRequestParser.Head, length: Int)?
    private var body: [UInt8] = []
    /// Why the bytes cannot be a request, found while taking them in.
    private var failure: HTTPRequestFailure?

    /// Buffers this large stay allocated between requests; larger ones are given back.
    static let keptCapacity = 64 * 1024

    package init(parser: HTTPRequestParser) {
        self.parser = parser
    }

    /// Bytes received and not yet returned as part of a request.
    package var bufferedBytes: Int { buffer.count - start + body.count }

    /// Nothing of a next request has arrived.
    package var isEmpty: Bool { head == nil && buffer.count == start }

    /// The head of the request being read asks for `100 Continue` before its body.
    package var expectsContinue: Bool { head?.head.expectsContinue == true }

    /// Takes the bytes of one read.
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        var rest = bytes[...]
        if let (head, _) = head, body.count < head.contentLength {
            let taken = rest.prefix(head.contentLength - body.count)
            body.append(contentsOf: taken)
            rest = rest[taken.endIndex...]
        }
        guard !rest.isEmpty else { return }
        compact()
        buffer.append(contentsOf: rest)
        // Reading the head as soon as it is whole sends the rest of a large body straight
        // into its own array, instead of through a buffer that doubles as it grows.
        if head == nil, failure == nil, case let .failure(fault)? = readHead() { failure = fault }
    }

    /// Moves the unread bytes to the front when the consumed ones outnumber them.
    private mutating func compact() {
        guard start > 0 else { return }
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= Self.keptCapacity)
        } else if start >= buffer.count - start {
            statistics.bytesMoved += buffer.count - start
            buffer.removeSubrange(0..<start)
        } else {
            return
        }
        scanned -= start
        start = 0
    }

    /// The next request, if it has arrived whole.
    package mutating func next() -> HTTPRequestParser.Outcome {
        if let failure { return .failure(status: failure.status, reason: failure.reason) }
        if head == nil {
            switch readHead() {
            case .none: return .needMore
            case let .failure(failure)?: return .failure(status: failure.status, reason: failure.reason)
            case .success?: break
            }
        }
        guard let (head, length) = head, body.count == head.contentLength else { return .needMore }
        let request = HTTPRequest(method: head.method, target: head.target, version: head.version, headers: head.headers, body: body)
        self.head = nil
        body = []
        if start == buffer.count { compact() }
        return .request(request, consumed: length + head.contentLength)
    }

    /// Looks for the end of the head from where the last look stopped, and parses the head
    /// once it is whole; `nil` while it is not.
    private mutating func readHead() -> Result<Void, HTTPRequestFailure>? {
        let limits = parser.limits
        let end = min(buffer.count, start + limits.maximumHeaderBytes + 4)
        var index = max(scanned, start)
        var headEnd: Int?
        while index < end {
            if buffer[index] == 0x0A, index > start, buffer[index - 1] == 0x0D {
                if !requestLineChecked {
                    requestLineChecked = true
                    if let fault = HTTPRequestParser.requestLineFault(buffer[start..<index - 1]) { return .failure(fault) }
                }
                if index - start >= 3, buffer[index - 2] == 0x0A, buffer[index - 3] == 0x0D {
                    headEnd = index - 3
                    index += 1
                    break
                }
            }
            index += 1
        }
        statistics.bytesScanned += index - max(scanned, start)
        scanned = index
        guard let headEnd else {
            if buffer.count - start > limits.maximumHeaderBytes {
                return .failure(HTTPRequestFailure(status: 431, reason: "request headers too large"))
            }
            return nil
        }
        statistics.headParses += 1
        let parsed: HTTPRequestParser.Head
        switch parser.parseHead(buffer[start..<headEnd]) {
        case let .failure(failure): return .failure(failure)
        case let .success(value): parsed = value
        }
        let bodyStart = headEnd + 4
        let arrived = min(buffer.count - bodyStart, parsed.contentLength)
        if parsed.contentLength > 0 {
            body.reserveCapacity(parsed.contentLength)
            body.append(contentsOf: buffer[bodyStart..<bodyStart + arrived])
            statistics.bytesMoved += arrived
        }
        head = (parsed, bodyStart - start)
        start = bodyStart + arrived
        scanned = start
        requestLineChecked = false
        return .success(())
    }
}
