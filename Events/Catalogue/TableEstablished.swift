/// A stadsdeeltafel was set up for one stadsdeel with its member departments.
package struct TableEstablished: DomainEvent {
    package static let eventType = "TableEstablished"

    package var tableId: String
    package var name: String
    package var stadsdeel: String
    package var members: [String]

    package init(tableId: String, name: String, stadsdeel: String, members: [String]) {
        self.tableId = tableId
        self.name = name
        self.stadsdeel = stadsdeel
        self.members = members
    }

    package var stream: String { "table-\(tableId)" }
}

extension TableEstablished {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(tableId: try fields.string("tableId"), name: try fields.string("name"), stadsdeel: try fields.string("stadsdeel"), members: try fields.strings("members"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("members", .array(self.members.map(JSONValue.string))))
        members.append(("name", .string(name)))
        members.append(("stadsdeel", .string(stadsdeel)))
        members.append(("tableId", .string(tableId)))
        return .object(members)
    }
}
