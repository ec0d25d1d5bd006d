/// The JSON-RPC error codes of the contract (API.md): the five of JSON-RPC 2.0 and the
/// domain codes, each with the `data.kind` clients switch on.
public struct RPCErrorCode: Sendable, Hashable {
    public let code: Int
    public let kind: String

    public static let parseError = RPCErrorCode(code: -32700, kind: "parse_error")
    public static let invalidRequest = RPCErrorCode(code: -32600, kind: "invalid_request")
    public static let methodNotFound = RPCErrorCode(code: -32601, kind: "method_not_found")
    public static let invalidParams = RPCErrorCode(code: -32602, kind: "invalid_params")
    public static let internalError = RPCErrorCode(code: -32603, kind: "internal")
    /// The answer would pass `max-response-bytes`: nothing is sent but this error; a query
    /// asked for less (a smaller `limit`, narrower filters) fits.
    public static let responseTooLarge = RPCErrorCode(code: -32603, kind: "response_too_large")
    public static let unauthenticated = RPCErrorCode(code: -32001, kind: "unauthenticated")
    public static let forbidden = RPCErrorCode(code: -32003, kind: "forbidden")
    public static let notFound = RPCErrorCode(code: -32004, kind: "not_found")
    public static let conflict = RPCErrorCode(code: -32009, kind: "conflict")
    public static let ruleViolation = RPCErrorCode(code: -32010, kind: "rule_violation")
}
