/// A dossier was settled, with its resolution.
package struct DossierClosed: DomainEvent {
    package static let eventType = "DossierClosed"

    package var dossierId: String
    package var resolution: String

    package init(dossierId: String, resolution: String) {
        self.dossierId = dossierId
        self.resolution = resolution
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DossierClosed {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), resolution: try fields.string("resolution"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("dossierId", .string(dossierId)))
        members.append(("resolution", .string(resolution)))
        return .object(members)
    }
}
