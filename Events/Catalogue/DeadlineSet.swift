/// A dossier got a (new) deadline.
package struct DeadlineSet: DomainEvent {
    package static let eventType = "DeadlineSet"

    package var dossierId: String
    package var deadline: String

    package init(dossierId: String, deadline: String) {
        self.dossierId = dossierId
        self.deadline = deadline
    }

    package var stream: String { "dossier-\(dossierId)" }
}

extension DeadlineSet {
    /// Decodes the body by hand (see ``EventFields``).
    package init(data: JSONValue) throws {
        let fields = try EventFields(data, type: Self.eventType)
        self.init(dossierId: try fields.string("dossierId"), deadline: try fields.string("deadline"))
    }

    /// The body, keys sorted and absent optionals left out, as `Codable` would write it.
    package var data: JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(2)
        members.append(("deadline", .string(deadline)))
        members.append(("dossierId", .string(dossierId)))
        return .object(members)
    }
}
