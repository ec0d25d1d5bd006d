/// Why a command was refused, in the terms of the RPC reference: a `kind` the RPC layer maps to its
/// error code, a human-readable `detail`, and the rule id or fields that name the cause.
package struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    package struct Kind: Hashable, Sendable {
        package let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }

        package static let invalidParams = Kind("invalid_params")
        package static let unauthenticated = Kind("unauthenticated")
        package static let forbidden = Kind("forbidden")
        package static let notFound = Kind("not_found")
        package static let conflict = Kind("conflict")
        package static let ruleViolation = Kind("rule_violation")
        /// A `requestId` its principal already used for another command (an invalid param).
        package static let requestIdReused = Kind("request_id_reused")
    }

    package var kind: Kind
    package var detail: String
    /// For a rule violation: the stable id of the rule.
    package var rule: String?
    /// For invalid params: each bad field.
    package var fields: [String]
    /// For a conflict: the version the client expected and the actual one.
    package var expected: Int64?
    package var actual: Int64?

    package init(
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

    package var description: String { "\(kind.rawValue)\(rule.map { " [\($0)]" } ?? ""): \(detail)" }

    static func rule(_ id: String, _ detail: String) -> DomainError { DomainError(.ruleViolation, detail, rule: id) }
    static func notFound(_ detail: String) -> DomainError { DomainError(.notFound, detail) }
    static func forbidden(_ detail: String) -> DomainError { DomainError(.forbidden, detail) }
    static func requestIdReused(_ requestId: String) -> DomainError {
        DomainError(.requestIdReused, "requestId \(requestId) was already used for another command", fields: ["requestId"])
    }
}
