/// A principal lost access; its token is refused from this event on.
public struct PrincipalRevoked: DomainEvent {
    public static let eventType = "PrincipalRevoked"

    public var principalId: String

    public init(principalId: String) {
        self.principalId = principalId
    }

    public var stream: String { "principal-\(principalId)" }
}

extension PrincipalRevoked {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(principalId: try fields.string("principalId"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(1)
        members.append(("principalId", .string(principalId)))
        return .object(members)
    }
}
