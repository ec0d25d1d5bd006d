/// What happened to one JSON-RPC call: what the request log line and the metrics report.
/// Never the params, never the token.
package struct CallRecord: Sendable, Equatable {
    package var method: String
    package var principal: String?
    /// `ok`, or the `data.kind` of the error.
    package var outcome: String
    package var code: Int?
    package var requestId: String?
    package var durationNanoseconds: UInt64
    /// Events the call appended (commands only).
    package var appendedEvents: Int = 0
}
