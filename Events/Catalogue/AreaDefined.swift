/// An area (stadsdeel, wijk or buurt) was added to the municipality's tree, so dossiers and dashboards can be placed in it.
public struct AreaDefined: DomainEvent {
    public static let eventType = "AreaDefined"

    public var code: String
    public var name: String
    public var kind: String
    public var parent: String?

    public init(code: String, name: String, kind: String, parent: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parent = parent
    }

    public var stream: String { "area-\(code)" }
}

extension AreaDefined {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(code: try fields.string("code"), name: try fields.string("name"), kind: try fields.string("kind"), parent: try fields.optionalString("parent"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("code", .string(code)))
        members.append(("kind", .string(kind)))
        members.append(("name", .string(name)))
        if let parent { members.append(("parent", .string(parent))) }
        return .object(members)
    }
}
