/// The owner department (or the regisseur) reported how an open decision is going:
/// `in_progress` or `blocked`, with an optional note (personal data, sealed).
package struct DecisionProgressReported: DomainEvent {
    package static let eventType = "DecisionProgressReported"

    package var decisionId: String
    package var status: String
    package var note: FreeText?

    package init(decisionId: String, status: String, note: FreeText? = nil) {
        self.decisionId = decisionId
        self.status = status
        self.note = note
    }

    package var stream: String { "decision-\(decisionId)" }
}

extension DecisionProgressReported {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(decisionId: try fields.string("decisionId"), status: try fields.string("status"), note: try fields.optionalFreeText("note"))
    }

    /// The body, keys sorted and an absent note left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = [("decisionId", .string(decisionId))]
        if let note { members.append(("note", note.json)) }
        members.append(("status", .string(status)))
        return .object(members)
    }
}
