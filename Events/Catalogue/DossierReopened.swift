/// A closed dossier was opened again, with the reason.
package struct DossierReopened: DomainEvent {
    package static let eventType = "DossierReopened"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var dossierId: String
    package var reason: FreeText

    package init(dossierId: String, reason: FreeText) {
        self.dossierId = dossierId
        self.reason = reason
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DossierReopened {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("dossierId", .string(dossierId)))
        members.append(("reason", reason.json))
        return .object(members)
    }
}
