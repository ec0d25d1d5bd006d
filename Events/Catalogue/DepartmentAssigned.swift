/// A department was made lead or contributor on a dossier.
package struct DepartmentAssigned: DomainEvent {
    package static let eventType = "DepartmentAssigned"

    package var dossierId: String
    package var departmentId: String
    package var role: String

    package init(dossierId: String, departmentId: String, role: String) {
        self.dossierId = dossierId
        self.departmentId = departmentId
        self.role = role
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DepartmentAssigned {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), departmentId: try fields.string("departmentId"), role: try fields.string("role"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(3)
        members.append(("departmentId", .string(departmentId)))
        members.append(("dossierId", .string(dossierId)))
        members.append(("role", .string(role)))
        return .object(members)
    }
}
