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
