import Events
import Foundation

/// A JSON Schema (draft-07) validator for the keywords the OpenRPC meta-schema uses, so the
/// `rpc.discover` document can be checked offline. A `$ref` to the draft-07 meta-schema
/// itself is checked as "an object or a boolean" plus known keywords only.
struct JSONSchemaValidator {
    let root: JSONValue

    static let draft07Keywords: Set<String> = [
        "$id", "$schema", "$ref", "$comment", "title", "description", "default", "readOnly", "writeOnly", "examples",
        "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
        "additionalItems", "items", "maxItems", "minItems", "uniqueItems", "contains", "maxProperties", "minProperties",
        "required", "additionalProperties", "definitions", "properties", "patternProperties", "dependencies", "propertyNames",
        "const", "enum", "type", "format", "contentMediaType", "contentEncoding", "if", "then", "else", "allOf", "anyOf",
        "oneOf", "not",
    ]

    /// Every violation, as `path: reason`.
    func validate(_ value: JSONValue) -> [String] {
        var errors: [String] = []
        check(value, against: root, path: "$", errors: &errors)
        return errors
    }

    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    func check(_ value: JSONValue, against schema: JSONValue, path: String, errors: inout [String]) {
        if case let .bool(allowed) = schema {
            if !allowed { errors.append("\(path): no value allowed") }
            return
        }
        if case let .string(reference)? = schema["$ref"] {
            if reference.hasPrefix("http://json-schema.org/draft-07/schema") {
                checkIsSchema(value, path: path, errors: &errors)
            } else if let target = resolve(reference) {
                check(value, against: target, path: path, errors: &errors)
            } else {
                errors.append("\(path): unresolvable $ref \(reference)")
            }
            return
        }
        if let type = schema["type"], !matches(value, type) {
            errors.append("\(path): not of type \(String(decoding: type.canonicalBytes, as: UTF8.self))")
            return
        }
        if case let .array(allowed)? = schema["enum"], !allowed.contains(value) { errors.append("\(path): not in enum") }
        if case let .string(text) = value {
            if case let .int(minimum)? = schema["minLength"], text.count < minimum { errors.append("\(path): shorter than \(minimum)") }
            if case let .string(pattern)? = schema["pattern"], !Self.matches(text, pattern) { errors.append("\(path): does not match \(pattern)") }
        }
        if case let .object(members) = value {
            if case let .array(required)? = schema["required"] {
                for case let .string(name) in required where !members.contains(where: { $0.0 == name }) {
                    errors.append("\(path): missing \(name)")
                }
            }
            for (name, member) in members {
                var covered = false
                if let property = schema["properties"]?[name] {
                    covered = true
                    check(member, against: property, path: "\(path).\(name)", errors: &errors)
                }
                if case let .object(patterns)? = schema["patternProperties"] {
                    for (pattern, subschema) in patterns where Self.matches(name, pattern) {
                        covered = true
                        check(member, against: subschema, path: "\(path).\(name)", errors: &errors)
                    }
                }
                if !covered, let additional = schema["additionalProperties"] {
                    check(member, against: additional, path: "\(path).\(name)", errors: &errors)
                }
            }
        }
        if case let .array(elements) = value, let items = schema["items"] {
            if case let .array(tuple) = items {
                for (index, element) in elements.enumerated() {
                    if index < tuple.count {
                        check(element, against: tuple[index], path: "\(path)[\(index)]", errors: &errors)
                    } else if let additional = schema["additionalItems"] {
                        check(element, against: additional, path: "\(path)[\(index)]", errors: &errors)
                    }
                }
            } else {
                for (index, element) in elements.enumerated() { check(element, against: items, path: "\(path)[\(index)]", errors: &errors) }
            }
        }
        if case let .array(choices)? = schema["oneOf"] {
            var passing = 0
            for choice in choices {
                var scratch: [String] = []
                check(value, against: choice, path: path, errors: &scratch)
                if scratch.isEmpty { passing += 1 }
            }
            if passing != 1 { errors.append("\(path): matches \(passing) of the oneOf choices, not exactly one") }
        }
    }

    /// A JSON Schema: an object (or boolean) whose keywords are draft-07's, recursively for
    /// the subschemas of `properties`, `items` and `additionalProperties`.
    func checkIsSchema(_ value: JSONValue, path: String, errors: inout [String]) {
        if case .bool = value { return }
        guard case let .object(members) = value else {
            errors.append("\(path): a schema must be an object or a boolean")
            return
        }
        for (name, member) in members {
            guard Self.draft07Keywords.contains(name) else {
                errors.append("\(path): unknown JSON Schema keyword \(name)")
                continue
            }
            switch name {
            case "properties", "patternProperties", "definitions":
                if case let .object(children) = member {
                    for (child, schema) in children { checkIsSchema(schema, path: "\(path).\(name).\(child)", errors: &errors) }
                }
            case "items", "additionalProperties", "not":
                checkIsSchema(member, path: "\(path).\(name)", errors: &errors)
            case "type":
                let allowed: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]
                let names: [JSONValue] = member.arrayValue ?? [member]
                for type in names {
                    guard case let .string(typeName) = type, allowed.contains(typeName) else {
                        errors.append("\(path).type: not a JSON Schema type")
                        continue
                    }
                }
            case "pattern":
                if case let .string(pattern) = member, (try? NSRegularExpression(pattern: pattern)) == nil {
                    errors.append("\(path).pattern: not a regular expression")
                }
            default: break
            }
        }
    }

    func matches(_ value: JSONValue, _ type: JSONValue) -> Bool {
        if case let .array(types) = type { return types.contains { matches(value, $0) } }
        guard case let .string(name) = type else { return false }
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("string", .string), ("integer", .int): return true
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
