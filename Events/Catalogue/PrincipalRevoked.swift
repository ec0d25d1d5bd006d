/// A principal lost access; its token is refused from this event on.
package struct PrincipalRevoked: DomainEvent {
    package static let eventType = "PrincipalRevoked"

    package var principalId: String

    package init(principalId: String) {
        self.principalId = principalId
    }

    package var stream: String { "principal-\(principalId)" }
}

extension PrincipalRevoked {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(principalId: try fields.string("principalId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(1)
        members.append(("principalId", .string(principalId)))
        return .object(members)
    }
}
