/// The JSON-RPC error codes of the contract (the RPC reference): the five of JSON-RPC 2.0 and the
/// domain codes, each with the `data.kind` clients switch on.
package struct RPCErrorCode: Sendable, Hashable {
    package let code: Int
    package let kind: String

    package static let parseError = RPCErrorCode(code: -32700, kind: "parse_error")
    package static let invalidRequest = RPCErrorCode(code: -32600, kind: "invalid_request")
    package static let methodNotFound = RPCErrorCode(code: -32601, kind: "method_not_found")
    package static let invalidParams = RPCErrorCode(code: -32602, kind: "invalid_params")
    package static let internalError = RPCErrorCode(code: -32603, kind: "internal")
    /// The answer would pass `max-response-bytes`: nothing is sent but this error; a query
    /// asked for less (a smaller `limit`, narrower filters) fits.
    package static let responseTooLarge = RPCErrorCode(code: -32603, kind: "response_too_large")
    package static let unauthenticated = RPCErrorCode(code: -32001, kind: "unauthenticated")
    package static let forbidden = RPCErrorCode(code: -32003, kind: "forbidden")
    package static let notFound = RPCErrorCode(code: -32004, kind: "not_found")
    package static let conflict = RPCErrorCode(code: -32009, kind: "conflict")
    package static let ruleViolation = RPCErrorCode(code: -32010, kind: "rule_violation")
}
