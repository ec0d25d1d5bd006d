import Events

/// One free text the log holds, wherever it was written: what an erasure
/// (`privacy.erase`) and an access request (`privacy.search`) must find, also after the
/// object it belongs to shows a newer text (a superseded status note, a reopened
/// dossier's resolution).
package struct TextEntry: Sendable, Equatable {
    /// The text as the event holds it, anchored (``Events/FreeText/anchored(eventId:field:)``),
    /// so an inline (version 1) text has a reference too.
    package var text: FreeText
    /// The body's field name: `summary`, `note`, `notes`, `reason`, `outcome`,
    /// `resolution` or `text`.
    package var field: String
    /// Where it was written, for a person reading hits: `dossier`, `status <departmentId>`,
    /// `escalation`, `item <meetingId>/<itemId>` or `decision <decisionId>`.
    package var place: String
    /// The dossier it belongs to; `nil` for a free agenda topic's notes or a decision on no dossier.
    package var dossierId: String?

    package var ref: String { text.ref }
}

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
