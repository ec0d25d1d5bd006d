import Events

/// One structured JSON line per JSON-RPC call (and per HTTP-level refusal) on standard
/// error: time, method, principal, outcome, duration, requestId. Never a token, never a
/// request body. Lines go through a ``LineWriter``, so a stalled reader never stalls a request.
package struct RequestLog: Sendable {
    package var enabled: Bool
    let writer: LineWriter?

    package init(enabled: Bool = true, writer: LineWriter? = nil) {
        self.enabled = enabled
        self.writer = writer
    }

    /// Lines dropped because the reader of the log fell behind.
    package var droppedLines: UInt64 { enabled ? (writer ?? .standardError).droppedLines : 0 }

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
        var line = JSONValue.object(members).canonicalBytes
        line.append(0x0A)
        (writer ?? .standardError).write(line)
    }
}
