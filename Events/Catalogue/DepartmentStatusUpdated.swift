/// A department reported its own status on a dossier, with an optional note.
public struct DepartmentStatusUpdated: DomainEvent {
    public static let eventType = "DepartmentStatusUpdated"

    public var dossierId: String
    public var departmentId: String
    public var status: String
    public var note: String?

    public init(dossierId: String, departmentId: String, status: String, note: String? = nil) {
        self.dossierId = dossierId
        self.departmentId = departmentId
        self.status = status
        self.note = note
    }

    public var stream: String { "dossier-\(dossierId)" }
}
