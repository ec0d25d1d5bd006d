/// Why a command was refused, in the terms of API.md: a `kind` the RPC layer maps to its
/// error code, a human-readable `detail`, and the rule id or fields that name the cause.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Kind: Hashable, Sendable {
        public let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }

        public static let invalidParams = Kind("invalid_params")
        public static let unauthenticated = Kind("unauthenticated")
        public static let forbidden = Kind("forbidden")
        public static let notFound = Kind("not_found")
        public static let conflict = Kind("conflict")
        public static let ruleViolation = Kind("rule_violation")
        /// A `requestId` its principal already used for another command (an invalid param).
        public static let requestIdReused = Kind("request_id_reused")
    }

    public var kind: Kind
    public var detail: String
    /// For a rule violation: the stable id of the rule.
    public var rule: String?
    /// For invalid params: each bad field.
    public var fields: [String]
    /// For a conflict: the version the client expected and the actual one.
    public var expected: Int64?
    public var actual: Int64?

    public init(
        _ kind: Kind, _ detail: String, rule: String? = nil, fields: [String] = [], expected: Int64? = nil,
        actual: Int64? = nil
    ) {
        self.kind = kind
        self.detail = detail
        self.rule = rule
        self.fields = fields
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "\(kind.rawValue)\(rule.map { " [\($0)]" } ?? ""): \(detail)" }

    static func rule(_ id: String, _ detail: String) -> DomainError { DomainError(.ruleViolation, detail, rule: id) }
    static func notFound(_ detail: String) -> DomainError { DomainError(.notFound, detail) }
    static func forbidden(_ detail: String) -> DomainError { DomainError(.forbidden, detail) }
    static func requestIdReused(_ requestId: String) -> DomainError {
        DomainError(.requestIdReused, "requestId \(requestId) was already used for another command", fields: ["requestId"])
    }
}
