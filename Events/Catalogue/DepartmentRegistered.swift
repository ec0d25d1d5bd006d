/// A department or partner organisation became known, so it can sit at tables and own work.
public struct DepartmentRegistered: DomainEvent {
    public static let eventType = "DepartmentRegistered"

    public var departmentId: String
    public var name: String
    public var external: Bool

    public init(departmentId: String, name: String, external: Bool) {
        self.departmentId = departmentId
        self.name = name
        self.external = external
    }

    public var stream: String { "department-\(departmentId)" }
}
