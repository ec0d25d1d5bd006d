import Events

/// The `principal.me` answer: who the server takes the caller to be, so that a client shows
/// its user's name and scope and offers only what the role may do. It holds the principal's
/// id, name, role, stadsdelen and departments, never its token hash: the hash identifies
/// the token in the log's `PrincipalRegistered` event, and an answer is no place to repeat it.
package enum PrincipalView {
    package static func render(
        principalId: String, name: String, role: String, stadsdelen: [String], departments: [String]
    ) -> JSONValue {
        .object([
            ("principalId", .string(principalId)),
            ("name", .string(name)),
            ("role", .string(role)),
            ("stadsdelen", .array(stadsdelen.map(JSONValue.string))),
            ("departments", .array(departments.map(JSONValue.string))),
        ])
    }
}
