/// An area (stadsdeel, wijk or buurt) was added to the municipality's tree, so dossiers and dashboards can be placed in it.
package struct AreaDefined: DomainEvent {
    package static let eventType = "AreaDefined"

    package var code: String
    package var name: String
    package var kind: String
    package var parent: String?

    package init(code: String, name: String, kind: String, parent: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parent = parent
    }

    package var stream: String { "area-\(code)" }
}

extension AreaDefined {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(code: try fields.string("code"), name: try fields.string("name"), kind: try fields.string("kind"), parent: try fields.optionalString("parent"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("code", .string(code)))
        members.append(("kind", .string(kind)))
        members.append(("name", .string(name)))
        if let parent { members.append(("parent", .string(parent))) }
        return .object(members)
    }
}
