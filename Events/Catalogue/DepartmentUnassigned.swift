/// A department no longer works on a dossier.
public struct DepartmentUnassigned: DomainEvent {
    public static let eventType = "DepartmentUnassigned"

    public var dossierId: String
    public var departmentId: String

    public init(dossierId: String, departmentId: String) {
        self.dossierId = dossierId
        self.departmentId = departmentId
    }

    public var stream: String { "dossier-\(dossierId)" }
}

extension DepartmentUnassigned {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), departmentId: try fields.string("departmentId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("departmentId", .string(departmentId)))
        members.append(("dossierId", .string(dossierId)))
        return .object(members)
    }
}
