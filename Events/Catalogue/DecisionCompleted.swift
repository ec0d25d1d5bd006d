/// The owner of a decision reported it done.
package struct DecisionCompleted: DomainEvent {
    package static let eventType = "DecisionCompleted"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var decisionId: String
    package var note: FreeText?

    package init(decisionId: String, note: FreeText? = nil) {
        self.decisionId = decisionId
        self.note = note
    }

    package var stream: String { "decision-\(decisionId)" }
}

extension DecisionCompleted {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(decisionId: try fields.string("decisionId"), note: try fields.optionalFreeText("note"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("decisionId", .string(decisionId)))
        if let note { members.append(("note", note.json)) }
        return .object(members)
    }
}
