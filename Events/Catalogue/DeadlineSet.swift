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
