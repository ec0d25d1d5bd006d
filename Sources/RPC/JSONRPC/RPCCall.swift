import Events

/// One well-formed JSON-RPC 2.0 request. `id == nil` is a notification (no `id` member),
/// which gets no response; `.null` is a real id and is echoed.
package struct RPCCall: Sendable, Equatable {
    package var id: RPCId?
    package var method: String
    /// The `params` member as sent (`nil` when absent); by-name checks are the dispatcher's,
    /// because the RPC reference orders -32602 after -32601 and authentication.
    package var params: JSONValue?

    package init(id: RPCId?, method: String, params: JSONValue?) {
        self.id = id
        self.method = method
        self.params = params
    }

    package var isNotification: Bool { id == nil }
}
