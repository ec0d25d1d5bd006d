/// The table could not settle a dossier and put it before the wethouder, the college or the directie.
package struct DossierEscalated: DomainEvent {
    package static let eventType = "DossierEscalated"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var dossierId: String
    package var to: String
    package var reason: FreeText

    package init(dossierId: String, to: String, reason: FreeText) {
        self.dossierId = dossierId
        self.to = to
        self.reason = reason
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DossierEscalated {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), to: try fields.string("to"), reason: try fields.freeText("reason"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(3)
        members.append(("dossierId", .string(dossierId)))
        members.append(("reason", reason.json))
        members.append(("to", .string(to)))
        return .object(members)
    }
}
