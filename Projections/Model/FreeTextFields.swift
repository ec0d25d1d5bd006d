import Events

/// The free-text fields of each event type that has them: the single list the model's
/// text index and `audit.trail`'s resolved texts read, so the two cannot disagree.
package enum FreeTextFields {
    package static let byType: [String: [String]] = [
        DossierRaised.eventType: ["summary"],
        DepartmentStatusUpdated.eventType: ["note"],
        DossierEscalated.eventType: ["reason"],
        EscalationResolved.eventType: ["outcome"],
        DossierClosed.eventType: ["resolution"],
        DossierReopened.eventType: ["reason"],
        DossierConfidentialitySet.eventType: ["reason"],
        DiscussionRecorded.eventType: ["notes"],
        DecisionTaken.eventType: ["text"],
        DecisionCompleted.eventType: ["note"],
        MeetingAttendanceRecorded.eventType: ["delegate"],
        MeetingRescheduled.eventType: ["reason"],
        MeetingCancelled.eventType: ["reason"],
        NotesAmended.eventType: ["notes", "reason"],
    ]

    /// Every field name a free text may have, for `privacy.erase`'s `fields`.
    package static let names: Set<String> = Set(byType.values.joined())

    /// The free texts of one envelope's body, by field, anchored to the event.
    package static func texts(of envelope: EventEnvelope) -> [(field: String, text: FreeText)] {
        guard let fields = byType[envelope.type] else { return [] }
        return fields.compactMap { field in
            guard let value = envelope.data[field], let text = FreeText(json: value) else { return nil }
            return (field, text.anchored(eventId: envelope.eventId, field: field))
        }
    }
}
