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
    /// Where it was written (``TextPlace``); ids shared with the event body, so indexing
    /// a text allocates no string of its own.
    package var place: TextPlace
    /// The dossier it belongs to; `nil` for a free agenda topic's notes or a decision on no dossier.
    package var dossierId: String?

    package var ref: String { text.ref }
}

/// Where a free text was written, for a person reading `privacy.search` hits.
package enum TextPlace: Sendable, Equatable {
    case dossier
    case status(departmentId: String)
    case escalation
    case item(meetingId: String, itemId: String)
    case decision(decisionId: String)
    /// A meeting's own texts: an attendee's delegate, why it was rescheduled or cancelled.
    case meeting(meetingId: String)

    /// `dossier`, `status <departmentId>`, `escalation`, `item <meetingId>/<itemId>`,
    /// `decision <decisionId>` or `meeting <meetingId>`.
    package var description: String {
        switch self {
        case .dossier: return "dossier"
        case let .status(departmentId): return "status \(departmentId)"
        case .escalation: return "escalation"
        case let .item(meetingId, itemId): return "item \(meetingId)/\(itemId)"
        case let .decision(decisionId): return "decision \(decisionId)"
        case let .meeting(meetingId): return "meeting \(meetingId)"
        }
    }
}
