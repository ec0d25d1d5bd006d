/// A principal lost access; its token is refused from this event on.
public struct PrincipalRevoked: DomainEvent {
    public static let eventType = "PrincipalRevoked"

    public var principalId: String

    public init(principalId: String) {
        self.principalId = principalId
    }

    public var stream: String { "principal-\(principalId)" }
}
