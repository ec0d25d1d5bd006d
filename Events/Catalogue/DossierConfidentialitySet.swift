/// A regisseur marked a dossier confidential, or lifted that: departments, partners and
/// integrations not assigned to a confidential dossier no longer see what it is about.
package struct DossierConfidentialitySet: DomainEvent {
    package static let eventType = "DossierConfidentialitySet"

    package var dossierId: String
    package var confidential: Bool
    package var reason: FreeText

    package init(dossierId: String, confidential: Bool, reason: FreeText) {
        self.dossierId = dossierId
        self.confidential = confidential
        self.reason = reason
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DossierConfidentialitySet {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), confidential: try fields.bool("confidential"), reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(3)
        members.append(("confidential", .bool(confidential)))
        members.append(("dossierId", .string(dossierId)))
        members.append(("reason", reason.json))
        return .object(members)
    }
}
