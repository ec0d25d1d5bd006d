import CLibPQ
import Dispatch
import Glibc

/// One libpq connection, used by one thread at a time.
///
/// libpq is blocking, so a connection lives on a serial dispatch queue (see
/// ``PostgresEventStore``) and never on the cooperative pool. Every query is
/// parameterised (`PQexecParams`); values travel as text or, for the writer's arrays, in
/// binary (``PostgresParameter``); results come back as text.
final class PostgresConnection {
    private(set) var handle: OpaquePointer?
    let conninfo: String

    /// How long to wait for the server's answer before the connection counts as broken
    /// (`nil`: forever). Derived from the session's `statement_timeout`, plus a margin for
    /// the server to report the timeout itself; a server that cannot even do that is gone.
    private(set) var answerDeadline: UInt64?

    /// Connects with a URI or `key=value` string; an empty string uses the `PG*` variables.
    /// Settings the string leaves out get ``PostgresTimeouts/defaults``.
    /// - Throws: ``PostgresError`` naming the cause (host, password, database).
    init(conninfo: String) throws(PostgresError) {
        self.conninfo = conninfo
        // The caller's string comes last, so whatever it says overrides these defaults.
        let settings = PostgresTimeouts.defaults.connectionSettings + [("dbname", conninfo)]
        let keywords = settings.map { strdup($0.0) } + [nil]
        let values = settings.map { strdup($0.1) } + [nil]
        defer { for pointer in keywords + values { free(pointer) } }
        handle = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { keywords in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
                PQconnectdbParams(keywords.baseAddress, values.baseAddress, 1)
            }
        }
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            PQfinish(handle)
            self.handle = nil
            throw PostgresError(sqlState: PostgresConnection.sqlState(fromConnectMessage: message), message: message.trimmed)
        }
        let timeout = try query("SELECT (extract(epoch FROM current_setting('statement_timeout')::interval) * 1000)::bigint")
            .first?[0].flatMap { UInt64($0) } ?? 0
        answerDeadline = timeout == 0 ? nil : (timeout + PostgresTimeouts.answerMargin) * 1_000_000
    }

    /// The server process serving this connection, to find out later whether it is gone.
    var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    deinit { PQfinish(handle) }

    /// libpq puts no SQLSTATE on connection failures; the server's words tell the causes apart.
    static func sqlState(fromConnectMessage message: String) -> PostgresError.Code? {
        if message.contains("password authentication failed") { return .invalidPassword }
        if message.contains("does not exist") && message.contains("database") { return .invalidCatalogName }
        if message.contains("no pg_hba.conf entry") || message.contains("role") && message.contains("does not exist") {
            return .invalidAuthorization
        }
        return nil
    }

    var isHealthy: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// Runs one statement with text parameters (`nil` is SQL NULL) and returns its rows.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        guard let handle else { throw PostgresError.connectionClosed }
        let result = PostgresConnection.withParameters(parameters.map(PostgresParameter.text)) { values, _, _ in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try rows(of: result, on: handle)
    }

    /// Names of the statements prepared on this connection.
    private var prepared: Set<String> = []

    /// Sends a named prepared statement without waiting for its result, which
    /// ``result(waking:whileWaiting:)`` collects; nothing else may be sent on the connection
    /// until then. The statement is prepared on its first use on this connection, so a hot
    /// statement is parsed and planned once, not on every call.
    func send(prepared name: String, _ sql: String, _ parameters: [PostgresParameter]) throws(PostgresError) {
        guard let handle else { throw PostgresError.connectionClosed }
        try prepare(name, sql, parameterCount: parameters.count, on: handle)
        let sent = PostgresConnection.withParameters(parameters) { values, lengths, formats in
            PQsendQueryPrepared(handle, name, Int32(parameters.count), values, lengths, formats, 0)
        }
        guard sent == 1 else { throw PostgresError.connectionFailed(handle) }
    }

    /// Waits for the result of the statement ``send(prepared:_:_:)`` sent, and calls
    /// `whileWaiting` meanwhile: once at the start, then each time `wake` (a pipe's read end,
    /// if given) becomes readable, after emptying it. So the caller can finish earlier work
    /// and prepare its next statement while the server works.
    /// - Parameter spin: for how many nanoseconds to look for the result without sleeping
    ///   (yielding the processor between looks) before sleeping in `poll`; `wake` firing
    ///   ends the spin at once.
    func result(waking wake: Int32?, spin: UInt64 = 0, whileWaiting: () -> Void) throws(PostgresError) -> PostgresRows {
        guard let handle else { throw PostgresError.connectionClosed }
        whileWaiting()
        let start = DispatchTime.now().uptimeNanoseconds
        var spinUntil = spin == 0 ? 0 : start + spin
        while PQisBusy(handle) == 1 {
            var descriptors = [pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0), pollfd(fd: wake ?? -1, events: Int16(POLLIN), revents: 0)]
            let now = DispatchTime.now().uptimeNanoseconds
            let spinning = spinUntil != 0 && now < spinUntil
            if let answerDeadline, now - start > answerDeadline {
                throw PostgresError(sqlState: nil, message: "no answer from the server within \(answerDeadline / 1_000_000_000) s")
            }
            let ready = poll(&descriptors, 2, spinning ? 0 : 1000)
            if ready == 0 {
                if spinning { sched_yield() }
                continue
            }
            if ready < 0 {
                if errno == EINTR { continue }
                throw PostgresError(sqlState: .connectionFailure, message: "poll failed while waiting for the server")
            }
            if let wake, descriptors[1].revents != 0 {
                var scratch = [UInt8](repeating: 0, count: 64)
                while read(wake, &scratch, scratch.count) > 0 {}
                spinUntil = 0
                whileWaiting()
            }
            if descriptors[0].revents != 0, PQconsumeInput(handle) != 1 {
                throw PostgresError.connectionFailed(handle)
            }
        }
        var last: OpaquePointer?
        while let result = PQgetResult(handle) {
            if let last { PQclear(last) }
            last = result
        }
        return try rows(of: last, on: handle)
    }

    func prepare(_ name: String, _ sql: String, parameterCount: Int, on handle: OpaquePointer) throws(PostgresError) {
        guard !prepared.contains(name) else { return }
        guard let result = PQprepare(handle, name, sql, Int32(parameterCount), nil) else {
            throw PostgresError.connectionFailed(handle)
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw PostgresError(result: result) }
        prepared.insert(name)
    }

    func rows(of result: OpaquePointer?, on handle: OpaquePointer) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw PostgresError.connectionFailed(handle)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
            return PostgresRows(result)
        default:
            throw PostgresError(result: result)
        }
    }

    /// Runs a script of several statements without parameters (migrations only).
    func execute(script: String) throws(PostgresError) {
        guard let handle else { throw PostgresError.connectionClosed }
        guard let result = PQexec(handle, script) else {
            throw PostgresError.connectionFailed(handle)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw PostgresError(result: result, fallbackState: nil)
        }
    }

    /// The connection's socket, for waiting on notifications with `poll`.
    var socket: Int32 { handle.map { PQsocket($0) } ?? -1 }

    /// Reads what the server sent and returns the payloads of pending notifications.
    func consumeNotifications() throws(PostgresError) -> [String] {
        guard let handle, PQconsumeInput(handle) == 1 else {
            throw PostgresError.connectionFailed(handle)
        }
        var payloads: [String] = []
        while let notification = PQnotifies(handle) {
            payloads.append(String(cString: notification.pointee.extra))
            PQfreemem(notification)
        }
        return payloads
    }

    /// Calls `body` with libpq's three parameter arrays: values, lengths and formats (0 for
    /// text, 1 for binary), valid only during the call.
    static func withParameters<R>(
        _ parameters: [PostgresParameter],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for parameter in parameters {
            switch parameter {
            case let .text(text):
                pointers.append(text.map { strdup($0) } ?? nil)
                lengths.append(0)
                formats.append(0)
            case let .binary(bytes):
                let copy = malloc(max(bytes.count, 1))!.assumingMemoryBound(to: CChar.self)
                bytes.withUnsafeBytes { if let base = $0.baseAddress { memcpy(copy, base, bytes.count) } }
                pointers.append(copy)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            }
        }
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(buffer.count, 1)) { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        parameters.isEmpty ? body(nil, nil, nil) : body(UnsafePointer(values), lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }
}

/// The rows of one result, copied out of the `PGresult` as text (`nil` for NULL).
struct PostgresRows: Sendable {
    var rows: [[String?]]
    /// How many rows the command inserted, updated, deleted or returned (`PQcmdTuples`).
    var affected: Int64

    init(_ result: OpaquePointer) {
        affected = Int64(String(cString: PQcmdTuples(result))) ?? 0
        let count = PQntuples(result)
        let fields = PQnfields(result)
        rows = (0..<count).map { row in
            (0..<fields).map { field in
                PQgetisnull(result, row, field) == 1 ? nil : String(cString: PQgetvalue(result, row, field))
            }
        }
    }

    var first: [String?]? { rows.first }
}

extension String {
    var trimmed: String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
