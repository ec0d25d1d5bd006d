import Foundation
import Glibc
import RPC
import Synchronization
import Testing

/// The event loop does work only when something happens: counted in rounds of the loop
/// (``HTTPServer/loopIterations``), never timed.
@Suite(.serialized) struct HTTPServerLoopTests {
    /// A plain TCP connection to the server that can be reset (RST) rather than closed.
    func connect(_ port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HTTPClientConnection.Failure(description: "cannot connect") }
        return descriptor
    }

    func reset(_ descriptor: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(descriptor)
    }

    func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<200 where !condition() { try await Task.sleep(for: .milliseconds(25)) }
    }

    @Test func aClientResetWhileItsRequestIsHandledDoesNotSpinTheLoop() async throws {
        // Given a server whose handler holds on to a request until released.
        let state = Mutex((entered: false, released: false))
        let server = try HTTPServer(host: "127.0.0.1", port: 0) { _ in
            state.withLock { $0.entered = true }
            while !state.withLock({ $0.released }) { try? await Task.sleep(for: .milliseconds(5)) }
            return HTTPResponse(status: 200)
        }
        server.start()
        let descriptor = try connect(server.port)
        let request = Array("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        try await waitUntil { state.withLock { $0.entered } }

        // When the client resets the connection while its request is being handled.
        reset(descriptor)
        try await Task.sleep(for: .milliseconds(50))
        let clock = ContinuousClock()
        let before = server.loopIterations
        let started = clock.now
        try await Task.sleep(for: .milliseconds(500))
        let rounds = server.loopIterations - before
        let elapsed = started.duration(to: clock.now)
        state.withLock { $0.released = true }

        // Then the loop only wakes for its 100 ms poll timeout, not for the hung-up socket: at
        // most one round per 100 ms that passed (a busy machine stretches the half second the
        // test sleeps), where a spinning loop makes thousands.
        let timeouts = Int(elapsed / .milliseconds(100)) + 5
        #expect(state.withLock { $0.entered })
        #expect(rounds <= timeouts, "\(rounds) rounds of the loop in \(elapsed)")
        await server.stop()
    }

    @Test func aHandlerThatRunsOutOfTimeIsCancelled() async throws {
        // Given a server with a 0.2 s handler timeout and a handler that would take 20 s.
        let cancelled = Mutex<Bool?>(nil)
        let server = try HTTPServer(host: "127.0.0.1", port: 0, limits: ServerLimits(handlerTimeout: 0.2)) { _ in
            try? await Task.sleep(for: .seconds(20))
            cancelled.withLock { $0 = Task.isCancelled }
            return HTTPResponse(status: 200)
        }
        server.start()

        // When a request runs out of time.
        let response = try HTTPClientConnection(host: "127.0.0.1", port: server.port).request("GET", "/slow", headers: [])

        // Then the client gets 503 and the handler's task is cancelled, so its work stops.
        #expect(response.status == 503)
        try await waitUntil { cancelled.withLock { $0 } != nil }
        #expect(cancelled.withLock { $0 } == true)
        await server.stop()
    }

    @Test func aClientThatStopsReadingItsAnswerIsDisconnected() async throws {
        // Given a server answering 32 MiB, whose clients get 0.5 s to send a request.
        let answer = [UInt8](repeating: UInt8(ascii: "x"), count: 32 * 1024 * 1024)
        let server = try HTTPServer(host: "127.0.0.1", port: 0, limits: ServerLimits(requestTimeout: 0.5)) { _ in
            HTTPResponse(status: 200, body: answer)
        }
        server.start()

        // When a client asks for it and never reads.
        let descriptor = try connect(server.port)
        let request = Array("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        try await waitUntil { server.openConnections == 1 }
        try await waitUntil { server.openConnections == 0 }

        // Then the server gives up on it (and the memory of its answer) once it has made
        // no progress for the request timeout, not after the idle and handler timeouts.
        #expect(server.openConnections == 0)
        close(descriptor)
        await server.stop()
    }

    @Test func anIdleServerWakesOnlyForItsPollTimeout() async throws {
        // Given a server with a few idle keep-alive connections.
        let server = try HTTPServer(host: "127.0.0.1", port: 0) { _ in HTTPResponse(status: 200) }
        server.start()
        let idle = try (0..<5).map { _ in try connect(server.port) }
        try await Task.sleep(for: .milliseconds(100))
        // When half a second passes.
        let before = server.loopIterations
        try await Task.sleep(for: .milliseconds(500))
        // Then the loop went round about five times.
        #expect(server.loopIterations - before < 20)
        for descriptor in idle { close(descriptor) }
        await server.stop()
    }
}
