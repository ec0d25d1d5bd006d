/// The owner of a decision reported it done.
public struct DecisionCompleted: DomainEvent {
    public static let eventType = "DecisionCompleted"

    public var decisionId: String
    public var note: String?

    public init(decisionId: String, note: String? = nil) {
        self.decisionId = decisionId
        self.note = note
    }

    public var stream: String { "decision-\(decisionId)" }
}
