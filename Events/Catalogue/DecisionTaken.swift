/// A table decided something, with an owner department and an optional due date.
package struct DecisionTaken: DomainEvent {
    package static let eventType = "DecisionTaken"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var decisionId: String
    package var meetingId: String
    package var text: FreeText
    package var ownerDepartment: String
    package var dossierId: String?
    package var due: String?

    package init(decisionId: String, meetingId: String, text: FreeText, ownerDepartment: String, dossierId: String? = nil, due: String? = nil) {
        self.decisionId = decisionId
        self.meetingId = meetingId
        self.text = text
        self.ownerDepartment = ownerDepartment
        self.dossierId = dossierId
        self.due = due
    }

    package var stream: String { "decision-\(decisionId)" }
}

extension DecisionTaken {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(decisionId: try fields.string("decisionId"), meetingId: try fields.string("meetingId"), text: try fields.freeText("text"), ownerDepartment: try fields.string("ownerDepartment"), dossierId: try fields.optionalString("dossierId"), due: try fields.optionalString("due"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(6)
        members.append(("decisionId", .string(decisionId)))
        if let dossierId { members.append(("dossierId", .string(dossierId))) }
        if let due { members.append(("due", .string(due))) }
        members.append(("meetingId", .string(meetingId)))
        members.append(("ownerDepartment", .string(ownerDepartment)))
        members.append(("text", text.json))
        return .object(members)
    }
}
