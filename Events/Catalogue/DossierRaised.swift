/// A cross-department matter was put before a table.
package struct DossierRaised: DomainEvent {
    package static let eventType = "DossierRaised"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var dossierId: String
    package var tableId: String
    package var title: String
    package var summary: FreeText?
    package var area: String?
    package var deadline: String?

    package init(dossierId: String, tableId: String, title: String, summary: FreeText? = nil, area: String? = nil, deadline: String? = nil) {
        self.dossierId = dossierId
        self.tableId = tableId
        self.title = title
        self.summary = summary
        self.area = area
        self.deadline = deadline
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DossierRaised {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), tableId: try fields.string("tableId"), title: try fields.string("title"), summary: try fields.optionalFreeText("summary"), area: try fields.optionalString("area"), deadline: try fields.optionalString("deadline"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(6)
        if let area { members.append(("area", .string(area))) }
        if let deadline { members.append(("deadline", .string(deadline))) }
        members.append(("dossierId", .string(dossierId)))
        if let summary { members.append(("summary", summary.json)) }
        members.append(("tableId", .string(tableId)))
        members.append(("title", .string(title)))
        return .object(members)
    }
}
