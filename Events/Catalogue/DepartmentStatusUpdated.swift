/// A department reported its own status on a dossier, with an optional note.
package struct DepartmentStatusUpdated: DomainEvent {
    package static let eventType = "DepartmentStatusUpdated"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var dossierId: String
    package var departmentId: String
    package var status: String
    package var note: FreeText?

    package init(dossierId: String, departmentId: String, status: String, note: FreeText? = nil) {
        self.dossierId = dossierId
        self.departmentId = departmentId
        self.status = status
        self.note = note
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DepartmentStatusUpdated {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), departmentId: try fields.string("departmentId"), status: try fields.string("status"), note: try fields.optionalFreeText("note"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(4)
        members.append(("departmentId", .string(departmentId)))
        members.append(("dossierId", .string(dossierId)))
        if let note { members.append(("note", note.json)) }
        members.append(("status", .string(status)))
        return .object(members)
    }
}
