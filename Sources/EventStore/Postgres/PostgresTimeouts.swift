/// The time limits every PostgreSQL connection of the store gets unless its connection
/// string sets its own: no libpq call may wait forever on a server that is gone, a
/// statement that hangs, or a network that drops packets without a word.
///
/// A connection string overrides any of them, e.g.
/// `postgresql://app@db/tafel?connect_timeout=2&options=-c%20statement_timeout%3D30000`.
struct PostgresTimeouts: Sendable {
    /// Seconds to establish a connection (`connect_timeout`).
    var connectSeconds = 5
    /// Milliseconds a statement may run on the server (`statement_timeout`).
    var statementMilliseconds = 10_000
    /// Milliseconds sent data may stay unacknowledged before the kernel drops the TCP
    /// connection (`tcp_user_timeout`); with keepalives this also ends waits on a silent peer.
    var tcpUserTimeoutMilliseconds = 15_000
    /// Keepalive probes on an idle connection: first after this many seconds, then every
    /// `keepaliveInterval` seconds, `keepaliveCount` times.
    var keepaliveIdleSeconds = 10
    var keepaliveIntervalSeconds = 5
    var keepaliveCount = 3

    static let defaults = PostgresTimeouts()

    /// How long, beyond the statement timeout, the client waits for the server's answer
    /// (the server's own timeout error needs a moment to arrive).
    static let answerMargin: UInt64 = 5_000

    /// The libpq keywords and values these limits are sent as.
    var connectionSettings: [(String, String)] {
        [
            ("connect_timeout", String(connectSeconds)),
            ("options", "-c statement_timeout=\(statementMilliseconds)"),
            ("keepalives", "1"),
            ("keepalives_idle", String(keepaliveIdleSeconds)),
            ("keepalives_interval", String(keepaliveIntervalSeconds)),
            ("keepalives_count", String(keepaliveCount)),
            ("tcp_user_timeout", String(tcpUserTimeoutMilliseconds)),
        ]
    }
}
