/// A closed dossier was opened again, with the reason.
package struct DossierReopened: DomainEvent {
    package static let eventType = "DossierReopened"

    package var dossierId: String
    package var reason: String

    package init(dossierId: String, reason: String) {
        self.dossierId = dossierId
        self.reason = reason
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DossierReopened {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), reason: try fields.string("reason"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("dossierId", .string(dossierId)))
        members.append(("reason", .string(reason)))
        return .object(members)
    }
}
