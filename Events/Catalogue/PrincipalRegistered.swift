/// A person or system got a role and a scope; only the SHA-256 of its token is kept.
package struct PrincipalRegistered: DomainEvent {
    package static let eventType = "PrincipalRegistered"

    package var principalId: String
    package var name: String
    package var role: String
    package var stadsdelen: [String]
    package var departments: [String]
    package var tokenHash: String

    package init(principalId: String, name: String, role: String, stadsdelen: [String], departments: [String], tokenHash: String) {
        self.principalId = principalId
        self.name = name
        self.role = role
        self.stadsdelen = stadsdelen
        self.departments = departments
        self.tokenHash = tokenHash
    }

    package var stream: String { "principal-\(principalId)" }
}

extension PrincipalRegistered {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(principalId: try fields.string("principalId"), name: try fields.string("name"), role: try fields.string("role"), stadsdelen: try fields.strings("stadsdelen"), departments: try fields.strings("departments"), tokenHash: try fields.string("tokenHash"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(6)
        members.append(("departments", .array(self.departments.map(JSONValue.string))))
        members.append(("name", .string(name)))
        members.append(("principalId", .string(principalId)))
        members.append(("role", .string(role)))
        members.append(("stadsdelen", .array(self.stadsdelen.map(JSONValue.string))))
        members.append(("tokenHash", .string(tokenHash)))
        return .object(members)
    }
}
