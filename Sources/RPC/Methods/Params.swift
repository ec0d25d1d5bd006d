import Coordination
import Events

/// The named params of one call, checked against the method's specs: every required one
/// present, none unknown, each of its JSON type (`null` counts as absent for optional
/// ones), every string within its ``TextRule``. A failure is one -32602 naming every bad
/// field in `data.fields`; its message spells out only the first few, so that a body of
/// thousands of bad params is not answered with many times its own size.
package struct Params: Sendable {
    var values: [String: JSONValue]
    /// The caller, whose `requestId` a server-chosen id derives from (``MethodDescriptor/chosenId(_:_:)``).
    var principalId: String?

    /// How many problems the message of a -32602 spells out; `data.fields` names them all.
    static let describedProblems = 10
    /// How much of a param's name the message repeats (Unicode scalars).
    static let describedNameScalars = 64

    init(_ members: [(String, JSONValue)], specs: [ParamSpec]) throws(DomainError) {
        var values: [String: JSONValue] = [:]
        var seen: Set<String> = []
        var bad: [(String, String)] = []
        let known = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (name, value) in members {
            guard let spec = known[name] else {
                bad.append((name, "is not a parameter of this method"))
                continue
            }
            // A `null` counts as absent, but not as permission to give the param again.
            if !seen.insert(name).inserted { bad.append((name, "given twice")); continue }
            if value.isNull && !spec.required { continue }
            if !spec.type.accepts(value) { bad.append((name, "must be \(spec.type.expectation)")); continue }
            if let problem = spec.type.textProblem(value) { bad.append((name, problem)); continue }
            values[name] = value
        }
        for spec in specs where spec.required && values[spec.name] == nil && !bad.contains(where: { $0.0 == spec.name }) {
            bad.append((spec.name, "is required"))
        }
        if !bad.isEmpty { throw DomainError(.invalidParams, Self.describe(bad), fields: bad.map(\.0)) }
        self.values = values
    }

    /// The message of a -32602: the first ``describedProblems`` problems, each name cut to
    /// ``describedNameScalars``, then how many more there are.
    static func describe(_ bad: [(name: String, problem: String)]) -> String {
        var parts = bad.prefix(describedProblems).map { name, problem in
            let scalars = name.unicodeScalars
            let shown = scalars.count > describedNameScalars ? String(String.UnicodeScalarView(scalars.prefix(describedNameScalars))) + "…" : name
            return "\(shown) \(problem)"
        }
        if bad.count > describedProblems { parts.append("and \(bad.count - describedProblems) more (see data.fields)") }
        return parts.joined(separator: "; ")
    }

    func string(_ name: String) -> String? {
        if case let .string(text)? = values[name] { return text }
        return nil
    }

    /// A required string (present after the checks of `init`).
    func text(_ name: String) -> String { string(name) ?? "" }

    func integer(_ name: String) -> Int64? {
        if case let .int(number)? = values[name] { return number }
        return nil
    }

    func bool(_ name: String) -> Bool? {
        if case let .bool(flag)? = values[name] { return flag }
        return nil
    }

    func strings(_ name: String) -> [String] {
        guard case let .array(elements)? = values[name] else { return [] }
        return elements.compactMap { if case let .string(text) = $0 { return text } else { return nil } }
    }

    /// An ISO 8601 time, or -32602 naming the field.
    func time(_ name: String) throws(DomainError) -> Timestamp? {
        guard let text = string(name) else { return nil }
        guard let time = Timestamp(iso8601: text) else {
            throw DomainError(.invalidParams, "\(name) must be an ISO 8601 time, e.g. 2026-03-31T23:59:59Z", fields: [name])
        }
        return time
    }

    /// A page size between 1 and the maximum, default ``Query/defaultLimit``.
    func limit() throws(DomainError) -> Int {
        guard let value = integer("limit") else { return Query.defaultLimit }
        guard value >= 1, value <= Int64(Query.maximumLimit) else {
            throw DomainError(.invalidParams, "limit must be 1 to \(Query.maximumLimit)", fields: ["limit"])
        }
        return Int(value)
    }
}
