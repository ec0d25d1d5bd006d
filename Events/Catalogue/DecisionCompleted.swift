/// The owner of a decision reported it done.
package struct DecisionCompleted: DomainEvent {
    package static let eventType = "DecisionCompleted"

    package var decisionId: String
    package var note: String?

    package init(decisionId: String, note: String? = nil) {
        self.decisionId = decisionId
        self.note = note
    }

    package var stream: String { "decision-\(decisionId)" }
}

extension DecisionCompleted {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(decisionId: try fields.string("decisionId"), note: try fields.optionalString("note"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("decisionId", .string(decisionId)))
        if let note { members.append(("note", .string(note))) }
        return .object(members)
    }
}
