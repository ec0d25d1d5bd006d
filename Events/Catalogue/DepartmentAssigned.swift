/// A department was made lead or contributor on a dossier.
public struct DepartmentAssigned: DomainEvent {
    public static let eventType = "DepartmentAssigned"

    public var dossierId: String
    public var departmentId: String
    public var role: String

    public init(dossierId: String, departmentId: String, role: String) {
        self.dossierId = dossierId
        self.departmentId = departmentId
        self.role = role
    }

    public var stream: String { "dossier-\(dossierId)" }
}
