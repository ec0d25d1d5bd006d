import EventStore
import Events

/// One structured JSON line per JSON-RPC call (and per HTTP-level refusal) on standard
/// error: time, method, principal, outcome, duration, requestId. Never a token, never a
/// request body. Lines go through the process's ``Logger`` (its line shape is its own, older
/// than the logger's), so a stalled reader never stalls a request.
package struct RequestLog: Sendable {
    package var enabled: Bool
    let logger: Logger

    package init(enabled: Bool = true, logger: Logger = .standardError) {
        self.enabled = enabled
        self.logger = logger
    }

    /// Lines the logger dropped because its reader fell behind: the request log's and the
    /// operations lines that share its writer.
    package var droppedLines: UInt64 { logger.droppedLines }

    package func write(_ call: CallRecord, status: Int) {
        guard enabled else { return }
        emit([
            ("time", .string(Timestamp.now().iso8601)),
            ("method", .string(call.method)),
            ("principal", call.principal.map(JSONValue.string) ?? .null),
            ("outcome", .string(call.outcome)),
            ("code", call.code.map { .int(Int64($0)) } ?? .null),
            ("durationMs", .double((Double(call.durationNanoseconds) / 1e6 * 1000).rounded() / 1000)),
            ("requestId", call.requestId.map(JSONValue.string) ?? .null),
            ("status", .int(Int64(status))),
        ])
    }

    package func write(path: String, status: Int, reason: String) {
        guard enabled else { return }
        emit([
            ("time", .string(Timestamp.now().iso8601)),
            ("method", .null), ("path", .string(String(path.prefix(200)))),
            ("outcome", .string("http_\(status)")), ("status", .int(Int64(status))), ("reason", .string(reason)),
        ])
    }

    func emit(_ members: [(String, JSONValue)]) {
        logger.write(.object(members))
    }
}
