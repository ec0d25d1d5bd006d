extension FreeText {
    /// The sealed free texts an event body refers to, by member name: bodies are flat
    /// objects, and a member holding `{"digest", "ref"}` is a sealed text. For tools that
    /// handle bodies without decoding each kind (export, import, verify).
    package static func sealed(in data: JSONValue) -> [(field: String, text: FreeText)] {
        guard case let .object(members) = data else { return [] }
        var found: [(field: String, text: FreeText)] = []
        for (name, value) in members {
            guard case .object = value, let text = FreeText(json: value) else { continue }
            found.append((name, text))
        }
        return found
    }
}
