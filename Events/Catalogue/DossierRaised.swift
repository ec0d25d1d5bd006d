/// A cross-department matter was put before a table.
public struct DossierRaised: DomainEvent {
    public static let eventType = "DossierRaised"

    public var dossierId: String
    public var tableId: String
    public var title: String
    public var summary: String?
    public var area: String?
    public var deadline: String?

    public init(dossierId: String, tableId: String, title: String, summary: String? = nil, area: String? = nil, deadline: String? = nil) {
        self.dossierId = dossierId
        self.tableId = tableId
        self.title = title
        self.summary = summary
        self.area = area
        self.deadline = deadline
    }

    public var stream: String { "dossier-\(dossierId)" }
}
