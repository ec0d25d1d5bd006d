import Projections

/// The authenticated principal a command runs as: its id, role and scope. The actor of
/// every event comes from here, never from the client's parameters.
package struct ActingPrincipal: Sendable, Equatable {
    package var principalId: String
    package var role: Role
    package var stadsdelen: Set<String>
    package var departments: Set<String>

    package init(principalId: String, role: Role, stadsdelen: Set<String> = [], departments: Set<String> = []) {
        self.principalId = principalId
        self.role = role
        self.stadsdelen = stadsdelen
        self.departments = departments
    }

    /// The principal of a registered record, or `nil` for an unknown role.
    package init?(_ record: PrincipalRecord) {
        guard let role = Role(rawValue: record.role) else { return nil }
        self.init(
            principalId: record.principalId, role: role, stadsdelen: Set(record.stadsdelen),
            departments: Set(record.departments))
    }
}
