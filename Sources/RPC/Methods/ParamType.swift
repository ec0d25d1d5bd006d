import Coordination
import Events

/// The JSON type of a method parameter, with the JSON Schema that `rpc.discover` publishes
/// for it. The dispatcher checks the JSON type; the shapes behind the patterns (ids that
/// match, dates that exist) are checked by the coordination layer's validation.
package enum ParamType: Sendable {
    case identifier
    case text
    case longText
    case date
    case time
    case areaCode
    case integer
    case boolean
    case identifiers
    case areaCodes
    case oneOf([String])
    /// An opaque key the client repeats: `requestId`, a cursor, a stream, an actor.
    case name

    package var schema: JSONValue {
        switch self {
        case .identifier: return .object([("type", "string"), ("pattern", "^[a-z0-9][a-z0-9._-]{0,63}$")])
        case .text: return .object([("type", "string"), ("minLength", 1), ("maxLength", 200)])
        case .longText: return .object([("type", "string"), ("minLength", 1), ("maxLength", 4000)])
        case .date: return .object([("type", "string"), ("format", "date"), ("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")])
        case .time: return .object([("type", "string"), ("format", "date-time")])
        case .areaCode: return .object([("type", "string"), ("pattern", "^(GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8}|SD-[A-Za-z0-9-]{1,29})$")])
        case .integer: return .object([("type", "integer")])
        case .boolean: return .object([("type", "boolean")])
        case .identifiers: return .object([("type", "array"), ("items", ParamType.identifier.schema)])
        case .areaCodes: return .object([("type", "array"), ("items", ParamType.areaCode.schema)])
        case let .oneOf(values): return .object([("type", "string"), ("enum", .array(values.map(JSONValue.string)))])
        case .name: return .object([("type", "string"), ("minLength", 1), ("maxLength", 128)])
        }
    }

    /// Whether `value` has this parameter's JSON type.
    func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.integer, .int): return true
        case (.boolean, .bool): return true
        case (.identifiers, .array(let elements)), (.areaCodes, .array(let elements)):
            return elements.allSatisfy { if case .string = $0 { return true } else { return false } }
        case (.integer, _), (.boolean, _), (.identifiers, _), (.areaCodes, _): return false
        case (_, .string): return true
        default: return false
        }
    }

    /// The rule every string of this type obeys (the RPC reference, "Text params"): checked here, for
    /// every string param of every method, so that none slips past the method's own checks.
    var textRule: TextRule? {
        switch self {
        case .integer, .boolean: return nil
        case .text: return .short
        case .longText: return .long
        case .identifier, .date, .time, .areaCode, .identifiers, .areaCodes, .oneOf, .name: return .key
        }
    }

    /// Why a string (or a string of an array) of `value` breaks ``textRule``, or `nil`.
    func textProblem(_ value: JSONValue) -> String? {
        guard let rule = textRule else { return nil }
        switch value {
        case let .string(text):
            return rule.problem(in: text)
        case let .array(elements):
            for case let .string(text) in elements { if let problem = rule.problem(in: text) { return problem } }
            return nil
        default:
            return nil
        }
    }

    var expectation: String {
        switch self {
        case .integer: return "an integer"
        case .boolean: return "true or false"
        case .identifiers, .areaCodes: return "an array of strings"
        default: return "a string"
        }
    }
}
