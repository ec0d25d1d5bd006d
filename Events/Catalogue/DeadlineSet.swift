/// A dossier got a (new) deadline.
public struct DeadlineSet: DomainEvent {
    public static let eventType = "DeadlineSet"

    public var dossierId: String
    public var deadline: String

    public init(dossierId: String, deadline: String) {
        self.dossierId = dossierId
        self.deadline = deadline
    }

    public var stream: String { "dossier-\(dossierId)" }
}

extension DeadlineSet {
    /// Decodes the body by hand (see ``EventFields``).
    public init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), deadline: try fields.string("deadline"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    public var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("deadline", .string(deadline)))
        members.append(("dossierId", .string(dossierId)))
        return .object(members)
    }
}
