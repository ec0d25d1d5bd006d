/// A department no longer works on a dossier.
package struct DepartmentUnassigned: DomainEvent {
    package static let eventType = "DepartmentUnassigned"

    package var dossierId: String
    package var departmentId: String

    package init(dossierId: String, departmentId: String) {
        self.dossierId = dossierId
        self.departmentId = departmentId
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DepartmentUnassigned {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), departmentId: try fields.string("departmentId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("departmentId", .string(departmentId)))
        members.append(("dossierId", .string(dossierId)))
        return .object(members)
    }
}
