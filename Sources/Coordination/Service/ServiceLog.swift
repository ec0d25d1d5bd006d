import Events
import Glibc

/// Where the service and the RPC layer write what an operator needs and a client must never
/// see: the cause of an internal error (paths, SQL, library messages) under the id the reply
/// carries, and the failures of the background follow loop.
///
/// One JSON object per line, sorted keys, like the request log, so that one `grep` on the
/// error id finds the cause. The sink is swappable so tests can read what was written.
///
/// ```swift
/// let log = ServiceLog()
/// log.write("internal_error", [("errorId", .string(id)), ("cause", .string("\(error)"))])
/// ```
package struct ServiceLog: Sendable {
    /// Receives each line, newline included.
    package var sink: @Sendable ([UInt8]) -> Void

    /// A log that writes to standard error.
    package init(sink: @escaping @Sendable ([UInt8]) -> Void = ServiceLog.standardError) {
        self.sink = sink
    }

    /// Writes one line: the time, `event`, and `fields`.
    package func write(_ event: String, _ fields: [(String, JSONValue)]) {
        var line = JSONValue.object([("time", .string(Timestamp.now().iso8601)), ("event", .string(event))] + fields).canonicalBytes
        line.append(0x0A)
        sink(line)
    }

    /// Writes `line` to file descriptor 2 whole, retrying short writes and `EINTR`.
    @Sendable package static func standardError(_ line: [UInt8]) {
        line.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, base + offset, bytes.count - offset)
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
    }
}
