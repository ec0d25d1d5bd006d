/// The table could not settle a dossier and put it before the wethouder, the college or the directie.
public struct DossierEscalated: DomainEvent {
    public static let eventType = "DossierEscalated"

    public var dossierId: String
    public var to: String
    public var reason: String

    public init(dossierId: String, to: String, reason: String) {
        self.dossierId = dossierId
        self.to = to
        self.reason = reason
    }

    public var stream: String { "dossier-\(dossierId)" }
}

extension DossierEscalated {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), to: try fields.string("to"), reason: try fields.string("reason"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(3)
        members.append(("dossierId", .string(dossierId)))
        members.append(("reason", .string(reason)))
        members.append(("to", .string(to)))
        return .object(members)
    }
}
