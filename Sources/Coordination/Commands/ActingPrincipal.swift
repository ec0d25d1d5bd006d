import Projections

/// The authenticated principal a command runs as: its id, role and scope. The actor of
/// every event comes from here, never from the client's parameters.
public struct ActingPrincipal: Sendable, Equatable {
    public var principalId: String
    public var role: Role
    public var stadsdelen: Set<String>
    public var departments: Set<String>

    public init(principalId: String, role: Role, stadsdelen: Set<String> = [], departments: Set<String> = []) {
        self.principalId = principalId
        self.role = role
        self.stadsdelen = stadsdelen
        self.departments = departments
    }

    /// The principal of a registered record, or `nil` for an unknown role.
    public init?(_ record: PrincipalRecord) {
        guard let role = Role(rawValue: record.role) else { return nil }
        self.init(
            principalId: record.principalId, role: role, stadsdelen: Set(record.stadsdelen),
            departments: Set(record.departments))
    }
}
