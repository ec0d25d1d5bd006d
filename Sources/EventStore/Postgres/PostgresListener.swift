import Foundation
import Glibc
import Synchronization

/// The `LISTEN` side of the live tail: a dedicated thread with its own connection that
/// waits on the socket with `poll` and reads the log's head whenever a notification comes.
///
/// A notification is only a hint: anyone who may connect can `NOTIFY tafel_events` with any
/// payload, and a log restored to an earlier point leaves every server believing a later
/// head. So its payload is never taken as the head; the head is read from the table (one
/// index probe per burst of notifications) and handed to the ``Observer``, which also tells
/// a log that went backwards. A notification can be missed (the connection drops, the
/// server restarts); so after every (re)connect, and every few seconds while idle, the head
/// is read as well, and subscriptions catch up by position from there. A lost connection
/// (`postgres_connection_lost`) and the one that replaces it (`postgres_reconnected`) are
/// logged with `connection` `listener`.
final class PostgresListener: Sendable {
    /// Where head reads go, and what was known before each (see
    /// ``PostgresEventStore/observe(head:knownBefore:)``).
    struct Observer: Sendable {
        let known: @Sendable () -> Int64
        let observe: @Sendable (_ head: Int64, _ knownBefore: Int64) -> Void
    }

    let conninfo: String
    let channel: String
    let stopped = Mutex(false)
    let logger: Logger

    /// Reconnect delays: doubling from the first to the last, reset once a connection has
    /// lasted ``steadyAfter`` seconds, so a server that drops every new session is not hammered.
    static let backoff = (first: UInt32(50_000), last: UInt32(2_000_000))
    static let steadyAfter: TimeInterval = 5

    init(conninfo: String, channel: String, logger: Logger) {
        self.conninfo = conninfo
        self.channel = channel
        self.logger = logger
    }

    func start(_ observer: Observer) {
        let thread = Thread { [self] in run(observer) }
        thread.name = "tafel.postgres.listener"
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
    }

    var isStopped: Bool { stopped.withLock { $0 } }

    func run(_ observer: Observer) {
        var backoff = Self.backoff.first
        var connectedBefore = false
        while !isStopped {
            let connected = Date()
            do {
                let connection = try PostgresConnection(conninfo: conninfo)
                try connection.query("LISTEN \(channel)")
                if connectedBefore {
                    logger.log(.info, "postgres_reconnected", [
                        ("connection", .string("listener")), ("backend", .int(Int64(connection.backendPID))),
                    ])
                }
                connectedBefore = true
                try catchUp(connection, observer)
                try listen(on: connection, observer)
            } catch {
                if isStopped { return }
                if Date().timeIntervalSince(connected) > Self.steadyAfter { backoff = Self.backoff.first }
                let failure = (error as? PostgresError)?.storeError ?? EventStoreError.from(error)
                logger.log(.warning, "postgres_connection_lost", [
                    ("connection", .string("listener")), ("code", .string(failure.code.rawValue)), ("cause", .string(failure.message)),
                    ("retryInMs", .int(Int64(backoff / 1000))),
                ])
                usleep(backoff)
                backoff = min(backoff * 2, Self.backoff.last)
            }
        }
    }

    func catchUp(_ connection: PostgresConnection, _ observer: Observer) throws {
        let knownBefore = observer.known()
        if let position = try connection.query("SELECT coalesce(max(position), 0) FROM events").first?[0].flatMap({ Int64($0) }) {
            observer.observe(position, knownBefore)
        }
    }

    func listen(on connection: PostgresConnection, _ observer: Observer) throws {
        var idle = 0
        while !isStopped {
            var descriptor = pollfd(fd: connection.socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0 && errno != EINTR { throw PostgresError(sqlState: nil, message: "poll failed") }
            if ready > 0 {
                idle = 0
                if !(try connection.consumeNotifications()).isEmpty { try catchUp(connection, observer) }
            } else {
                idle += 1
                if idle % 50 == 0 { try catchUp(connection, observer) }
            }
        }
    }
}
