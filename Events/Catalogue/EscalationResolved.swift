/// The open escalation of a dossier was answered.
package struct EscalationResolved: DomainEvent {
    package static let eventType = "EscalationResolved"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var dossierId: String
    package var outcome: FreeText

    package init(dossierId: String, outcome: FreeText) {
        self.dossierId = dossierId
        self.outcome = outcome
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension EscalationResolved {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), outcome: try fields.freeText("outcome"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("dossierId", .string(dossierId)))
        members.append(("outcome", outcome.json))
        return .object(members)
    }
}
