import Dispatch

/// A connection together with the serial queue that alone may use it.
///
/// `@unchecked Sendable` is safe because ``run(_:)`` is the only way to reach the
/// connection and it runs every closure on ``queue``, one at a time; a `PGconn` is thus
/// never used by two threads at once, and libpq's blocking calls never run on the
/// cooperative pool.
final class ConfinedConnection: @unchecked Sendable {
    let queue: DispatchQueue
    private var connection: PostgresConnection?
    let conninfo: String
    /// Statements run on every new connection before its first use (session settings).
    let settings: [String]
    /// The connection's name in log lines (`writer`, `reader`), `nil` for one-off connections
    /// whose failures their caller reports.
    let name: String?
    let logger: Logger
    /// Whether a connection was made before: a later one replaces it and is logged.
    private var connectedBefore = false

    init(label: String, conninfo: String, settings: [String] = [], name: String? = nil, logger: Logger = .discarding) {
        self.queue = DispatchQueue(label: label, qos: .userInitiated)
        self.conninfo = conninfo
        self.settings = settings
        self.name = name
        self.logger = logger
    }

    /// Runs `body` on the queue with a live connection, connecting (or reconnecting) first.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.onQueue(body) })
            }
        }
    }

    /// For code already on ``queue``.
    /// - Parameter reconnecting: drop the connection first and use a new one, because the old
    ///   one may look healthy to libpq and still be useless (an answer that never came).
    func onQueue<T>(reconnecting: Bool = false, _ body: (PostgresConnection) throws -> T) throws -> T {
        dispatchPrecondition(condition: .onQueue(queue))
        if reconnecting { connection = nil }
        do {
            return try body(try live())
        } catch let error as PostgresError where error.leavesOutcomeUnknown {
            // The connection broke: drop it so the next use reconnects, and report the failure.
            connection = nil
            let failure = error.storeError
            if let name {
                logger.log(.warning, "postgres_connection_lost", [
                    ("connection", .string(name)), ("code", .string(failure.code.rawValue)), ("cause", .string(failure.message)),
                ])
            }
            throw failure
        } catch let error as PostgresError {
            throw error.storeError
        }
    }

    func live() throws(PostgresError) -> PostgresConnection {
        if let connection, connection.isHealthy { return connection }
        connection = nil
        let fresh = try PostgresConnection(conninfo: conninfo)
        for setting in settings { try fresh.query(setting) }
        connection = fresh
        if connectedBefore, let name {
            logger.log(.info, "postgres_reconnected", [("connection", .string(name)), ("backend", .int(Int64(fresh.backendPID)))])
        }
        connectedBefore = true
        return fresh
    }

    /// Drops the connection (on the queue).
    func close() {
        queue.sync { connection = nil }
    }
}
