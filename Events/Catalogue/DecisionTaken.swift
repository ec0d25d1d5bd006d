/// A table decided something, with an owner department and an optional due date.
public struct DecisionTaken: DomainEvent {
    public static let eventType = "DecisionTaken"

    public var decisionId: String
    public var meetingId: String
    public var text: String
    public var ownerDepartment: String
    public var dossierId: String?
    public var due: String?

    public init(decisionId: String, meetingId: String, text: String, ownerDepartment: String, dossierId: String? = nil, due: String? = nil) {
        self.decisionId = decisionId
        self.meetingId = meetingId
        self.text = text
        self.ownerDepartment = ownerDepartment
        self.dossierId = dossierId
        self.due = due
    }

    public var stream: String { "decision-\(decisionId)" }
}
