/// A stadsdeeltafel was set up for one stadsdeel with its member departments.
public struct TableEstablished: DomainEvent {
    public static let eventType = "TableEstablished"

    public var tableId: String
    public var name: String
    public var stadsdeel: String
    public var members: [String]

    public init(tableId: String, name: String, stadsdeel: String, members: [String]) {
        self.tableId = tableId
        self.name = name
        self.stadsdeel = stadsdeel
        self.members = members
    }

    public var stream: String { "table-\(tableId)" }
}

extension TableEstablished {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(tableId: try fields.string("tableId"), name: try fields.string("name"), stadsdeel: try fields.string("stadsdeel"), members: try fields.strings("members"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("members", .array(self.members.map(JSONValue.string))))
        members.append(("name", .string(name)))
        members.append(("stadsdeel", .string(stadsdeel)))
        members.append(("tableId", .string(tableId)))
        return .object(members)
    }
}
