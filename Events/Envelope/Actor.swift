/// Who caused an event: the authenticated principal and the role it acted in.
///
/// Always taken from the authenticated request, never from a field the client sends, so
/// that the audit trail proves who did what.
package struct Actor: Sendable, Hashable {
    package var principalId: String
    package var role: String

    package init(principalId: String, role: String) {
        self.principalId = principalId
        self.role = role
    }

    /// The actor of events that the system writes on its own behalf (migrations, imports).
    package static let system = Actor(principalId: "system", role: "system")

    package var json: JSONValue {
        .object([("principalId", .string(principalId)), ("role", .string(role))])
    }
}
