import Foundation
import Glibc
import Synchronization

/// The `LISTEN` side of the live tail: a dedicated thread with its own connection that
/// waits on the socket with `poll` and advances ``HeadWaiters`` on every notification.
///
/// A notification can be missed (the connection drops, the server restarts); so after every
/// (re)connect, and every few seconds while idle, it also reads the head position, and
/// subscriptions catch up by position from there.
final class PostgresListener: Sendable {
    let conninfo: String
    let channel: String
    let waiters: HeadWaiters
    let stopped = Mutex(false)
    let finished = Mutex<Thread?>(nil)

    init(conninfo: String, channel: String, waiters: HeadWaiters) {
        self.conninfo = conninfo
        self.channel = channel
        self.waiters = waiters
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "tafel.postgres.listener"
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
    }

    var isStopped: Bool { stopped.withLock { $0 } }

    func run() {
        var backoff: UInt32 = 50_000
        while !isStopped {
            do {
                let connection = try PostgresConnection(conninfo: conninfo)
                try connection.query("LISTEN \(channel)")
                try catchUp(connection)
                backoff = 50_000
                try listen(on: connection)
            } catch {
                usleep(backoff)
                backoff = min(backoff * 2, 2_000_000)
            }
        }
    }

    func catchUp(_ connection: PostgresConnection) throws {
        if let position = try connection.query("SELECT coalesce(max(position), 0) FROM events").first?[0].flatMap({ Int64($0) }) {
            waiters.advance(to: position)
        }
    }

    func listen(on connection: PostgresConnection) throws {
        var idle = 0
        while !isStopped {
            var descriptor = pollfd(fd: connection.socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0 && errno != EINTR { throw PostgresError(sqlState: nil, message: "poll failed") }
            if ready > 0 {
                idle = 0
                for payload in try connection.consumeNotifications() {
                    if let position = Int64(payload) { waiters.advance(to: position) }
                }
            } else {
                idle += 1
                if idle % 50 == 0 { try catchUp(connection) }
            }
        }
    }
}
