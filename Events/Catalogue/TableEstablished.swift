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
