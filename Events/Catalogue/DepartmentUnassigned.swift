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
