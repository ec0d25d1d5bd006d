import Coordination
import Events

/// One method of the contract: its name, who may call it, its params and result (as
/// `rpc.discover` publishes them), and how its params become a command or a query.
package struct MethodDescriptor: Sendable {
    /// Whether the method writes (command), reads (query) or describes the API (discovery).
    package enum Kind: Sendable { case command, query, discovery }

    /// What a call turns into once its params are read.
    enum Action: Sendable {
        /// A command, with the id the server chose when the client left it out (its field
        /// name and value) and, for `principal.register`, the new token to show once.
        case command(Command, created: (field: String, value: String)?, token: String?)
        case query(Query)
        case discovery
    }

    package var name: String
    package var summary: String
    package var kind: Kind
    /// Who may call it, in the words of the RPC reference.
    package var allowed: String
    package var params: [ParamSpec]
    package var result: JSONValue
    package var errors: [RPCErrorCode]
    let build: @Sendable (Params) throws(DomainError) -> Action

    /// Whether the call needs a bearer token (everything but `rpc.discover`).
    package var needsAuthentication: Bool { kind != .discovery }

    /// The params every command takes besides its own.
    static let commandParams: [ParamSpec] = [
        .optional("expectedVersion", .integer, "The stream version the client decided on; a different one is -32009."),
        .optional(
            "requestId", .name,
            "Idempotency key of the caller: a retry with the same requestId and params returns the first result and appends nothing; with other params it is -32602 (request_id_reused)."),
    ]

    static func command(
        _ name: String, _ summary: String, allowed: String, _ params: [ParamSpec], rules: Bool = true,
        result: JSONValue = ResultSchemas.commandResult, build: @escaping @Sendable (Params) throws(DomainError) -> Action
    ) -> MethodDescriptor {
        MethodDescriptor(
            name: name, summary: summary, kind: .command, allowed: allowed, params: params + commandParams,
            result: result,
            errors: [.invalidParams, .unauthenticated, .forbidden, .notFound, .conflict] + (rules ? [.ruleViolation] : []),
            build: build)
    }

    static func query(
        _ name: String, _ summary: String, allowed: String, _ params: [ParamSpec], result: JSONValue,
        errors: [RPCErrorCode] = [.invalidParams, .unauthenticated, .forbidden, .notFound],
        build: @escaping @Sendable (Params) throws(DomainError) -> Action
    ) -> MethodDescriptor {
        MethodDescriptor(name: name, summary: summary, kind: .query, allowed: allowed, params: params, result: result, errors: errors, build: build)
    }

    /// A command whose id the client may leave out: the given one, or one the server chooses
    /// and reports back. With a `requestId` the chosen id derives from it and the caller (whose
    /// id it is), so a retry names the same object as the first attempt and another principal
    /// using the same id names another; without one it is a fresh random UUID.
    static func chosenId(_ params: Params, _ field: String) -> (String, (field: String, value: String)?) {
        if let given = params.string(field) { return (given, nil) }
        guard let requestId = params.string("requestId") else {
            let fresh = EventId.random()
            return (fresh, (field, fresh))
        }
        let digest = Hex.encode(SHA256.hash(Array("\(field):\(params.principalId ?? ""):\(requestId)".utf8)))
        let derived = [digest.prefix(8), digest.dropFirst(8).prefix(4), digest.dropFirst(12).prefix(4), digest.dropFirst(16).prefix(4), digest.dropFirst(20).prefix(12)]
            .joined(separator: "-")
        return (derived, (field, derived))
    }
}
