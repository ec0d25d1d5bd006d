/// What happened to one JSON-RPC call: what the request log line and the metrics report.
/// Never the params, never the token.
public struct CallRecord: Sendable, Equatable {
    public var method: String
    public var principal: String?
    /// `ok`, or the `data.kind` of the error.
    public var outcome: String
    public var code: Int?
    public var requestId: String?
    public var durationNanoseconds: UInt64
    /// Events the call appended (commands only).
    public var appendedEvents: Int = 0
}
