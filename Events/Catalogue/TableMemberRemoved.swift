/// A department left a table.
package struct TableMemberRemoved: DomainEvent {
    package static let eventType = "TableMemberRemoved"

    package var tableId: String
    package var departmentId: String

    package init(tableId: String, departmentId: String) {
        self.tableId = tableId
        self.departmentId = departmentId
    }

    package var stream: String { "table-\(tableId)" }
}

extension TableMemberRemoved {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(tableId: try fields.string("tableId"), departmentId: try fields.string("departmentId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("departmentId", .string(departmentId)))
        members.append(("tableId", .string(tableId)))
        return .object(members)
    }
}
