import Events

/// One well-formed JSON-RPC 2.0 request. `id == nil` is a notification (no `id` member),
/// which gets no response; `.null` is a real id and is echoed.
public struct RPCCall: Sendable, Equatable {
    public var id: RPCId?
    public var method: String
    /// The `params` member as sent (`nil` when absent); by-name checks are the dispatcher's,
    /// because API.md orders -32602 after -32601 and authentication.
    public var params: JSONValue?

    public init(id: RPCId?, method: String, params: JSONValue?) {
        self.id = id
        self.method = method
        self.params = params
    }

    public var isNotification: Bool { id == nil }
}
