/// The members of an event body, read by name with their JSON types checked: what every
/// event's hand-written `init(data:)` decodes with, because replaying a long log through
/// `Codable`'s generic machinery costs more than all the projections together.
package struct EventFields {
    let members: [(String, JSONValue)]
    let type: String

    /// Why a body does not fit its event type, naming the member.
    package struct Mismatch: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    package init(_ data: JSONValue, type: String) throws(Mismatch) {
        guard case let .object(members) = data else { throw Mismatch(description: "\(type): the body is not an object") }
        self.members = members
        self.type = type
    }

    func value(_ name: String) -> JSONValue? {
        for (key, value) in members where key == name { return value }
        return nil
    }

    func wrong(_ name: String, _ expected: String) -> Mismatch {
        Mismatch(description: "\(type).\(name): expected \(expected)")
    }

    package func string(_ name: String) throws(Mismatch) -> String {
        guard case let .string(text)? = value(name) else { throw wrong(name, "a string") }
        return text
    }

    package func optionalString(_ name: String) throws(Mismatch) -> String? {
        switch value(name) {
        case nil, .null?: return nil
        case let .string(text)?: return text
        default: throw wrong(name, "a string or null")
        }
    }

    package func strings(_ name: String) throws(Mismatch) -> [String] {
        guard case let .array(elements)? = value(name) else { throw wrong(name, "an array of strings") }
        var texts: [String] = []
        texts.reserveCapacity(elements.count)
        for element in elements {
            guard case let .string(text) = element else { throw wrong(name, "an array of strings") }
            texts.append(text)
        }
        return texts
    }

    /// A free-text field: `{"digest", "ref"}` (schema version 2) or the text inline (version 1).
    package func freeText(_ name: String) throws(Mismatch) -> FreeText {
        guard let value = value(name), let text = FreeText(json: value) else { throw wrong(name, "a free text") }
        return text
    }

    package func optionalFreeText(_ name: String) throws(Mismatch) -> FreeText? {
        switch value(name) {
        case nil, .null?: return nil
        case let value?:
            guard let text = FreeText(json: value) else { throw wrong(name, "a free text or null") }
            return text
        }
    }

    package func int(_ name: String) throws(Mismatch) -> Int {
        guard case let .int(number)? = value(name), let value = Int(exactly: number) else { throw wrong(name, "an integer") }
        return value
    }

    package func bool(_ name: String) throws(Mismatch) -> Bool {
        guard case let .bool(flag)? = value(name) else { throw wrong(name, "true or false") }
        return flag
    }

    package func optionalBool(_ name: String) throws(Mismatch) -> Bool? {
        switch value(name) {
        case nil, .null?: return nil
        case let .bool(flag)?: return flag
        default: throw wrong(name, "true, false or null")
        }
    }
}
