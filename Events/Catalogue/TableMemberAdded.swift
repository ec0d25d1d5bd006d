/// A department joined a table and may now be assigned its dossiers.
public struct TableMemberAdded: DomainEvent {
    public static let eventType = "TableMemberAdded"

    public var tableId: String
    public var departmentId: String

    public init(tableId: String, departmentId: String) {
        self.tableId = tableId
        self.departmentId = departmentId
    }

    public var stream: String { "table-\(tableId)" }
}
