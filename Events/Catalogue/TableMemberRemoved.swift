/// A department left a table.
public struct TableMemberRemoved: DomainEvent {
    public static let eventType = "TableMemberRemoved"

    public var tableId: String
    public var departmentId: String

    public init(tableId: String, departmentId: String) {
        self.tableId = tableId
        self.departmentId = departmentId
    }

    public var stream: String { "table-\(tableId)" }
}

extension TableMemberRemoved {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(tableId: try fields.string("tableId"), departmentId: try fields.string("departmentId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("departmentId", .string(departmentId)))
        members.append(("tableId", .string(tableId)))
        return .object(members)
    }
}
