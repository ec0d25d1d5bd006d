/// The regisseur withdrew a decision that will not be carried out, with the reason
/// (personal data, sealed); it leaves the actielijst as open work.
package struct DecisionWithdrawn: DomainEvent {
    package static let eventType = "DecisionWithdrawn"

    package var decisionId: String
    package var reason: FreeText

    package init(decisionId: String, reason: FreeText) {
        self.decisionId = decisionId
        self.reason = reason
    }

    package var stream: String { "decision-\(decisionId)" }
}

extension DecisionWithdrawn {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(decisionId: try fields.string("decisionId"), reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted, as `Codable` would write it.
    package var data: JSONValue {
        .object([("decisionId", .string(decisionId)), ("reason", reason.json)])
    }
}
