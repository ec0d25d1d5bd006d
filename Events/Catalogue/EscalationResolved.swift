/// The open escalation of a dossier was answered.
public struct EscalationResolved: DomainEvent {
    public static let eventType = "EscalationResolved"

    public var dossierId: String
    public var outcome: String

    public init(dossierId: String, outcome: String) {
        self.dossierId = dossierId
        self.outcome = outcome
    }

    public var stream: String { "dossier-\(dossierId)" }
}

extension EscalationResolved {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), outcome: try fields.string("outcome"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("dossierId", .string(dossierId)))
        members.append(("outcome", .string(outcome)))
        return .object(members)
    }
}
