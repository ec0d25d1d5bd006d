/// A dossier was settled, with its resolution.
package struct DossierClosed: DomainEvent {
    package static let eventType = "DossierClosed"
    /// 2: free text sealed beside the log (``FreeText``); 1 held it inline.
    package static let schemaVersion: Int64 = 2

    package var dossierId: String
    package var resolution: FreeText

    package init(dossierId: String, resolution: FreeText) {
        self.dossierId = dossierId
        self.resolution = resolution
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DossierClosed {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), resolution: try fields.freeText("resolution"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("dossierId", .string(dossierId)))
        members.append(("resolution", resolution.json))
        return .object(members)
    }
}
