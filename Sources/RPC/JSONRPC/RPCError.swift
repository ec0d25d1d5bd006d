import Events

/// A JSON-RPC error object: `code`, `message`, and `data` with at least `kind` (API.md).
public struct RPCError: Error, Sendable, Equatable {
    public var code: Int
    public var message: String
    public var data: JSONValue

    public init(_ code: RPCErrorCode, _ message: String, extra: [(String, JSONValue)] = []) {
        self.code = code.code
        self.message = message
        self.data = .object([("kind", .string(code.kind)), ("detail", .string(message))] + extra)
    }

    public var json: JSONValue {
        .object([("code", .int(Int64(code))), ("message", .string(message)), ("data", data)])
    }
}
