/// A dossier was settled, with its resolution.
public struct DossierClosed: DomainEvent {
    public static let eventType = "DossierClosed"

    public var dossierId: String
    public var resolution: String

    public init(dossierId: String, resolution: String) {
        self.dossierId = dossierId
        self.resolution = resolution
    }

    public var stream: String { "dossier-\(dossierId)" }
}

extension DossierClosed {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), resolution: try fields.string("resolution"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("dossierId", .string(dossierId)))
        members.append(("resolution", .string(resolution)))
        return .object(members)
    }
}
