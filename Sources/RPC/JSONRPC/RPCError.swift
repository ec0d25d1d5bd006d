import Events

/// A JSON-RPC error object: `code`, `message`, and `data` with at least `kind` (the RPC reference).
package struct RPCError: Error, Sendable, Equatable {
    package var code: Int
    package var message: String
    package var data: JSONValue

    package init(_ code: RPCErrorCode, _ message: String, extra: [(String, JSONValue)] = []) {
        self.code = code.code
        self.message = message
        self.data = .object([("kind", .string(code.kind)), ("detail", .string(message))] + extra)
    }

    package var json: JSONValue {
        .object([("code", .int(Int64(code))), ("message", .string(message)), ("data", data)])
    }
}
