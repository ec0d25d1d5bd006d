import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on POSIX sockets: one event-loop thread with `poll()` over
/// non-blocking sockets, so no socket call ever blocks the cooperative thread pool.
///
/// The loop reads and parses requests (``HTTPRequestParser``), hands each whole request to
/// the async `handler` as a task, and writes the response when the task hands it back
/// (woken through an eventfd). Keep-alive and pipelining are served one request at a time
/// per connection. Every limit of ``ServerLimits`` is enforced here: header and body
/// sizes, connections, time to send a request, idle time, time to answer.
package final class HTTPServer: @unchecked Sendable {
    package typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse
    /// Told of every refusal the server answers itself (malformed HTTP, limits, timeouts):
    /// its status and reason, for the request log and the metrics.
    package typealias RefusalObserver = @Sendable (_ status: Int, _ reason: String) -> Void

    package let limits: ServerLimits
    package let port: Int
    let handler: Handler
    let observeRefusal: RefusalObserver
    let parser: HTTPRequestParser
    let listener: Int32
    /// A pipe the handler tasks write one byte to, to wake the loop from `poll()`.
    let wake: (read: Int32, write: Int32)
    let shared = Mutex(Shared())
    /// Loop-thread state.
    var connections: [Int32: Connection] = [:]
    var listening = true
    var nextRequest: UInt64 = 0
    var stopDeadline: Double?
    /// The loop's one receive buffer, reused for every read.
    var readBuffer = [UInt8](repeating: 0, count: 65536)
    /// Until when the listener is left alone after `accept` ran out of descriptors or memory.
    var acceptPausedUntil = 0.0
    /// Rounds of the event loop so far: a loop that spins shows here.
    let loopRounds = Atomic<Int>(0)

    /// How long `accept` is left alone after it failed for want of descriptors: a listener
    /// with connections waiting stays readable, and retrying at once would spin.
    static let acceptPause = 0.1

    struct Shared {
        var completed: [(descriptor: Int32, request: UInt64, response: HTTPResponse)] = []
        var stopping = false
        var stopped = false
        var openConnections = 0
        var waitingForStop: [CheckedContinuation<Void, Never>] = []
    }

    package init(
        host: String, port: Int, limits: ServerLimits = ServerLimits(), onRefusal: @escaping RefusalObserver = { _, _ in },
        handler: @escaping Handler
    ) throws {
        let socket = try ListeningSocket(host: host, port: port)
        self.listener = socket.descriptor
        self.port = socket.port
        self.limits = limits
        self.handler = handler
        self.observeRefusal = onRefusal
        self.parser = HTTPRequestParser(limits: limits.http)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            close(socket.descriptor)
            throw ListeningSocket.Failure(description: "cannot create the wake-up pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends { Self.makeNonBlocking(end) }
        self.wake = (ends[0], ends[1])
    }

    /// Open client connections right now.
    package var openConnections: Int { shared.withLock { $0.openConnections } }

    /// Rounds of the event loop since it started (each `poll` that returned); the loop waits
    /// at most 100 ms per round when nothing happens, so an idle server adds about ten a second.
    package var loopIterations: Int { loopRounds.load(ordering: .relaxed) }

    /// Starts the event loop on its own thread.
    package func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "tafel-http"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops accepting, lets requests in flight finish (up to the shutdown grace), closes
    /// every connection, and returns when the loop has ended.
    package func stop() async {
        await withCheckedContinuation { continuation in
            let done = shared.withLock { state -> Bool in
                if state.stopped { return true }
                state.stopping = true
                state.waitingForStop.append(continuation)
                return false
            }
            if done { continuation.resume() } else { signalLoop() }
        }
    }

    func signalLoop() {
        var one: UInt8 = 1
        _ = write(wake.write, &one, 1)
    }

    static func makeNonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func loop() {
        var fds: [pollfd] = []
        var order: [Int32] = []
        var drain = [UInt8](repeating: 0, count: 4096)
        while true {
            let now = Self.now()
            let stopping = shared.withLock { $0.stopping }
            if stopping { if beginStop(now: now) { break } }
            fds.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0))
            let accepting = listening && now >= acceptPausedUntil
            if accepting { fds.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
            // Wake no later than the first handler deadline, so a timed-out handler is
            // cancelled (and its client answered) on time rather than up to a round late.
            var wait = acceptPausedUntil > now ? min(100, Int32((acceptPausedUntil - now) * 1000) + 1) : 100
            for (descriptor, connection) in connections {
                var events: Int16 = 0
                switch connection.phase {
                case .reading: events = Int16(POLLIN)
                case .writing: events = Int16(POLLOUT)
                case let .handling(_, deadline):
                    events = 0
                    wait = min(wait, max(0, Int32(min(100, (deadline - now) * 1000)) + 1))
                }
                // A peer that hung up keeps reporting POLLHUP (and a reset one POLLERR) whatever
                // is asked; while its answer is being made, poll must not wake for it (a
                // negative descriptor is skipped).
                let watched = connection.peerClosed && events == 0 ? -1 : descriptor
                fds.append(pollfd(fd: watched, events: events, revents: 0))
                order.append(descriptor)
            }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 {
                // A signal meant for another part of the process (a child's SIGCHLD in a test
                // run, say) is not work for the loop: look again without counting a round.
                if errno == EINTR { continue }
                break
            }
            loopRounds.add(1, ordering: .relaxed)
            let after = Self.now()
            if fds[0].revents != 0 {
                while drain.withUnsafeMutableBytes({ read(wake.read, $0.baseAddress, $0.count) }) > 0 {}
            }
            deliverCompleted(now: after)
            let offset = accepting ? 2 : 1
            if accepting, fds[1].revents & Int16(POLLIN) != 0 { acceptAll(now: after) }
            for (index, descriptor) in order.enumerated() where fds[index + offset].revents != 0 {
                guard let connection = connections[descriptor] else { continue }
                let revents = fds[index + offset].revents
                switch connection.phase {
                case .reading where revents & Int16(POLLIN | POLLHUP | POLLERR) != 0: readFrom(connection, now: after)
                case .writing: flush(connection, now: after)
                // POLLNVAL too: a descriptor closed under the loop (by a bug elsewhere in the
                // process) is reported on every poll, and would spin the loop like a hang-up.
                case .handling where revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0: connection.peerClosed = true
                default: break
                }
            }
            enforceTimeouts(now: after)
        }
        for connection in Array(connections.values) { closeConnection(connection) }
        if listening { close(listener) }
        // The wake-up pipe stays open: a handler finishing late may still write to it, and a
        // closed descriptor number could by then belong to a file.
        let waiting = shared.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.stopped = true
            defer { state.waitingForStop = [] }
            return state.waitingForStop
        }
        for continuation in waiting { continuation.resume() }
    }

    /// On the way out: no new connections, idle ones closed; true once nothing is in flight
    /// or the grace period is over.
    func beginStop(now: Double) -> Bool {
        if listening {
            close(listener)
            listening = false
            stopDeadline = now + limits.shutdownGrace
        }
        for connection in Array(connections.values) where connection.isIdle { closeConnection(connection) }
        return connections.isEmpty || now > (stopDeadline ?? now)
    }

    func acceptAll(now: Double) {
        while true {
            let descriptor = accept(listener, nil, nil)
            if descriptor < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM {
                    acceptPausedUntil = now + Self.acceptPause
                }
                return
            }
            Self.makeNonBlocking(descriptor)
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if connections.count >= limits.maximumConnections {
                observeRefusal(503, "too many connections")
                let refusal = HTTPResponse.problem(503, "too many connections", close: true).serialized(keepAlive: false)
                _ = refusal.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(descriptor)
                continue
            }
            connections[descriptor] = Connection(descriptor: descriptor, now: now, parser: parser)
            shared.withLock { $0.openConnections = connections.count }
        }
    }

    func readFrom(_ connection: Connection, now: Double) {
        while true {
            let count = readBuffer.withUnsafeMutableBytes { recv(connection.descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                if connection.requestStarted == nil { connection.requestStarted = now }
                readBuffer.withUnsafeBufferPointer { connection.reader.append(UnsafeBufferPointer(rebasing: $0[0..<count])) }
                if connection.reader.bufferedBytes > limits.http.maximumHeaderBytes + limits.http.maximumBodyBytes + 65536 { break }
                if count < readBuffer.count { break }
                continue
            }
            if count == 0 {
                connection.peerClosed = true
                break
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            closeConnection(connection)
            return
        }
        process(connection, now: now)
        if connection.peerClosed, case .reading = connection.phase { closeConnection(connection) }
    }

    /// Parses what has arrived: starts the handler for a whole request, answers an HTTP
    /// error for a bad one, or waits for more.
    func process(_ connection: Connection, now: Double) {
        guard case .reading = connection.phase, !connection.reader.isEmpty else { return }
        switch connection.reader.next() {
        case .needMore:
            if !connection.sentContinue, connection.reader.expectsContinue {
                connection.sentContinue = true
                let interim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                _ = interim.withUnsafeBytes { send(connection.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        case let .failure(status, reason):
            refuse(connection, status, reason, now: now)
        case let .request(request, _):
            connection.requestStarted = connection.reader.isEmpty ? nil : now
            connection.sentContinue = false
            nextRequest += 1
            let id = nextRequest
            let keepAlive = request.keepAlive
            connection.closeAfterWrite = !keepAlive
            connection.phase = .handling(request: id, deadline: now + limits.handlerTimeout)
            let descriptor = connection.descriptor
            let handler = self.handler
            connection.task = Task {
                let response = await handler(request)
                self.complete(descriptor: descriptor, request: id, response: response)
            }
        }
    }

    func complete(descriptor: Int32, request: UInt64, response: HTTPResponse) {
        shared.withLock { $0.completed.append((descriptor, request, response)) }
        signalLoop()
    }

    func deliverCompleted(now: Double) {
        let completed = shared.withLock { state in
            defer { state.completed = [] }
            return state.completed
        }
        for (descriptor, request, response) in completed {
            guard let connection = connections[descriptor], case let .handling(current, deadline) = connection.phase, current == request else { continue }
            connection.task = nil
            if now > deadline {
                refuse(connection, 503, "the request took too long to answer", now: now)
                continue
            }
            let stopping = !listening
            respond(connection, response, keepAlive: !connection.closeAfterWrite && !stopping && !connection.peerClosed, now: now)
        }
    }

    /// Answers a refusal of the server's own and reports it.
    func refuse(_ connection: Connection, _ status: Int, _ reason: String, now: Double) {
        observeRefusal(status, reason)
        respond(connection, HTTPResponse.problem(status, reason, close: true), keepAlive: false, now: now)
    }

    func respond(_ connection: Connection, _ response: HTTPResponse, keepAlive: Bool, now: Double) {
        // A handler still at work when the connection stops waiting for it has no one to answer.
        connection.task?.cancel()
        connection.task = nil
        connection.outputHead = response.serializedHead(keepAlive: keepAlive)
        connection.outputBody = response.body
        connection.written = 0
        connection.writeProgressAt = now
        connection.closeAfterWrite = !keepAlive || response.close
        connection.phase = .writing
        flush(connection, now: now)
    }

    func flush(_ connection: Connection, now: Double) {
        while connection.written < connection.outputCount {
            let count = sendOutput(connection)
            if count > 0 {
                connection.written += count
                connection.writeProgressAt = now
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            closeConnection(connection)
            return
        }
        connection.outputHead = []
        connection.outputBody = []
        connection.written = 0
        if connection.closeAfterWrite || connection.peerClosed {
            closeConnection(connection)
            return
        }
        connection.phase = .reading
        connection.idleSince = now
        process(connection, now: now)
    }

    func enforceTimeouts(now: Double) {
        for connection in Array(connections.values) {
            switch connection.phase {
            case .reading:
                if let started = connection.requestStarted, now - started > limits.requestTimeout {
                    refuse(connection, 408, "request not received in time", now: now)
                } else if connection.reader.isEmpty, now - connection.idleSince > limits.idleTimeout {
                    closeConnection(connection)
                }
            case let .handling(_, deadline):
                if now > deadline {
                    refuse(connection, 503, "the request took too long to answer", now: now)
                }
            case .writing:
                if now - connection.writeProgressAt > limits.requestTimeout || now - connection.idleSince > limits.idleTimeout + limits.handlerTimeout {
                    closeConnection(connection)
                }
            }
        }
    }

    /// Sends what is left of the response's head and body in one call.
    func sendOutput(_ connection: Connection) -> Int {
        let headCount = connection.outputHead.count
        return connection.outputHead.withUnsafeBytes { head in
            connection.outputBody.withUnsafeBytes { body in
                withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { parts in
                    var used = 0
                    if connection.written < headCount {
                        parts[0] = iovec(
                            iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress! + connection.written), iov_len: headCount - connection.written)
                        used = 1
                    }
                    let bodyOffset = max(0, connection.written - headCount)
                    if bodyOffset < body.count {
                        parts[used] = iovec(iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress! + bodyOffset), iov_len: body.count - bodyOffset)
                        used += 1
                    }
                    var message = msghdr()
                    message.msg_iov = parts.baseAddress
                    message.msg_iovlen = used
                    return Glibc.sendmsg(connection.descriptor, &message, Int32(MSG_NOSIGNAL))
                }
            }
        }
    }

    func closeConnection(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.descriptor) != nil else { return }
        connection.task?.cancel()
        close(connection.descriptor)
        shared.withLock { $0.openConnections = connections.count }
    }
}
