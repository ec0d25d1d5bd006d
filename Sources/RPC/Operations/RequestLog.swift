import Events
import Glibc

/// One structured JSON line per JSON-RPC call (and per HTTP-level refusal) on standard
/// error: time, method, principal, outcome, duration, requestId. Never a token, never a
/// request body.
public struct RequestLog: Sendable {
    public var enabled: Bool

    public init(enabled: Bool = true) {
        self.enabled = enabled
    }

    public func write(_ call: CallRecord, status: Int) {
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

    public func write(path: String, status: Int, reason: String) {
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
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
    }
}
