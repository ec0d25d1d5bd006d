/// A department or partner organisation became known, so it can sit at tables and own work.
package struct DepartmentRegistered: DomainEvent {
    package static let eventType = "DepartmentRegistered"

    package var departmentId: String
    package var name: String
    package var external: Bool

    package init(departmentId: String, name: String, external: Bool) {
        self.departmentId = departmentId
        self.name = name
        self.external = external
    }

    package var stream: String { "department-\(departmentId)" }
}

extension DepartmentRegistered {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(departmentId: try fields.string("departmentId"), name: try fields.string("name"), external: try fields.bool("external"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(3)
        members.append(("departmentId", .string(departmentId)))
        members.append(("external", .bool(external)))
        members.append(("name", .string(name)))
        return .object(members)
    }
}
