/// A person or system got a role and a scope; only the SHA-256 of its token is kept.
public struct PrincipalRegistered: DomainEvent {
    public static let eventType = "PrincipalRegistered"

    public var principalId: String
    public var name: String
    public var role: String
    public var stadsdelen: [String]
    public var departments: [String]
    public var tokenHash: String

    public init(principalId: String, name: String, role: String, stadsdelen: [String], departments: [String], tokenHash: String) {
        self.principalId = principalId
        self.name = name
        self.role = role
        self.stadsdelen = stadsdelen
        self.departments = departments
        self.tokenHash = tokenHash
    }

    public var stream: String { "principal-\(principalId)" }
}
