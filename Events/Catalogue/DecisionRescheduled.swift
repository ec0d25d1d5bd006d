/// The regisseur moved a decision's due date, with the reason (personal data, sealed).
package struct DecisionRescheduled: DomainEvent {
    package static let eventType = "DecisionRescheduled"

    package var decisionId: String
    package var due: String
    package var reason: FreeText

    package init(decisionId: String, due: String, reason: FreeText) {
        self.decisionId = decisionId
        self.due = due
        self.reason = reason
    }

    package var stream: String { "decision-\(decisionId)" }
}

extension DecisionRescheduled {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(decisionId: try fields.string("decisionId"), due: try fields.string("due"), reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted, as `Codable` would write it.
    package var data: JSONValue {
        .object([("decisionId", .string(decisionId)), ("due", .string(due)), ("reason", reason.json)])
    }
}
