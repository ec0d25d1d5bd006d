import Coordination
import Events

extension RPCError {
    /// The error object of a refused call, with `data.kind` and what names the cause.
    init(_ error: DomainError) {
        var extra: [(String, JSONValue)] = []
        let code: RPCErrorCode
        switch error.kind {
        case .invalidParams:
            code = .invalidParams
            extra.append(("fields", .array(error.fields.map(JSONValue.string))))
        case .requestIdReused:
            code = RPCErrorCode(code: RPCErrorCode.invalidParams.code, kind: error.kind.rawValue)
            extra.append(("fields", .array(error.fields.map(JSONValue.string))))
        case .unauthenticated: code = .unauthenticated
        case .forbidden: code = .forbidden
        case .notFound: code = .notFound
        case .conflict:
            code = .conflict
            extra.append(("expected", error.expected.map(JSONValue.int) ?? .null))
            extra.append(("actual", error.actual.map(JSONValue.int) ?? .null))
        default:
            code = .ruleViolation
            extra.append(("rule", error.rule.map(JSONValue.string) ?? .null))
        }
        self.init(code, error.detail, extra: extra)
    }

    /// -32603 for a failure below the domain (contract v2): `data.kind` is `unavailable`,
    /// `outcome_unknown` or `internal`, `data.errorId` the id the server logged the cause
    /// under; `data.retryable` (contract v1) is true only for `unavailable`, where sending the
    /// request again is safe even without a `requestId`: after `outcome_unknown` a blind retry
    /// could apply the command twice. The cause itself never enters the reply.
    init(internal failure: ServiceFailure) {
        self.init(
            RPCErrorCode(code: RPCErrorCode.internalError.code, kind: failure.kind.rawValue), failure.message,
            extra: [("errorId", .string(failure.errorId)), ("retryable", .bool(failure.kind == .unavailable))])
    }
}
