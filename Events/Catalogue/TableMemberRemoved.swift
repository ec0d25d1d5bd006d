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
