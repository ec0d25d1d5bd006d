/// The regisseur gave a decision to another department of the table, with the reason
/// (personal data, sealed).
package struct DecisionReassigned: DomainEvent {
    package static let eventType = "DecisionReassigned"

    package var decisionId: String
    package var ownerDepartment: String
    package var reason: FreeText

    package init(decisionId: String, ownerDepartment: String, reason: FreeText) {
        self.decisionId = decisionId
        self.ownerDepartment = ownerDepartment
        self.reason = reason
    }

    package var stream: String { "decision-\(decisionId)" }
}

extension DecisionReassigned {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(
            decisionId: try fields.string("decisionId"), ownerDepartment: try fields.string("ownerDepartment"),
            reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted, as `Codable` would write it.
    package var data: JSONValue {
        .object([("decisionId", .string(decisionId)), ("ownerDepartment", .string(ownerDepartment)), ("reason", reason.json)])
    }
}
