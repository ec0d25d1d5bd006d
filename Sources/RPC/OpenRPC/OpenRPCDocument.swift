import Events

/// The OpenRPC 1.x document `rpc.discover` returns: every method of ``MethodCatalogue``
/// with its params (JSON Schema), result and errors, built from the same table the
/// dispatcher runs, so the description cannot drift from what the server answers.
package enum OpenRPCDocument {
    package static func build(version: String) -> JSONValue {
        .object([
            ("openrpc", "1.3.2"),
            ("info", .object([
                ("title", "Tafel"),
                ("version", .string(version)),
                ("description", "Coordination backend for stadsdeeltafels: commands and queries over JSON-RPC 2.0 (POST /rpc). Every method except rpc.discover needs Authorization: Bearer <token>. Params are by name."),
            ])),
            ("servers", .array([.object([("name", "this server"), ("url", "/rpc")])])),
            ("methods", .array(MethodCatalogue.all.map(method))),
            ("components", .object([("errors", .object(errorCodes.map { ($0.kind, error($0)) }))])),
        ])
    }

    static let errorCodes: [RPCErrorCode] = [
        .parseError, .invalidRequest, .methodNotFound, .invalidParams, .internalError, .unauthenticated, .forbidden, .notFound,
        .conflict, .ruleViolation,
    ]

    static func method(_ descriptor: MethodDescriptor) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(descriptor.name)),
            ("summary", .string(descriptor.summary)),
            ("description", .string("Who may: \(descriptor.allowed).")),
            ("tags", .array([.object([("name", .string(tag(descriptor)))])])),
            ("paramStructure", "by-name"),
            ("params", .array(descriptor.params.map(param))),
            ("result", .object([("name", .string("\(descriptor.name).result")), ("schema", descriptor.result)])),
        ]
        if !descriptor.errors.isEmpty {
            members.append(("errors", .array(descriptor.errors.map { .object([("$ref", .string("#/components/errors/\($0.kind)"))]) })))
        }
        return .object(members)
    }

    static func tag(_ descriptor: MethodDescriptor) -> String {
        switch descriptor.kind {
        case .command: return "command"
        case .query: return "query"
        case .discovery: return "discovery"
        }
    }

    static func param(_ spec: ParamSpec) -> JSONValue {
        .object([
            ("name", .string(spec.name)),
            ("summary", .string(spec.summary)),
            ("required", .bool(spec.required)),
            ("schema", spec.type.schema),
        ])
    }

    static func error(_ code: RPCErrorCode) -> JSONValue {
        .object([("code", .int(Int64(code.code))), ("message", .string(code.kind)), ("data", .object([("kind", .string(code.kind))]))])
    }
}
