import Events

extension CoordinationModel {
    /// Indexes the free texts of `envelope` (run before the fold, so an agenda item's or a
    /// decision's dossier is looked up as it stood when the text was written), and records
    /// which references an erasure named. Never throws: a body the fold cannot read holds
    /// no text this index could name either. Which fields hold free text is
    /// `FreeTextFields.byType`'s alone; this only says where each kind's texts belong.
    mutating func indexTexts(_ envelope: EventEnvelope, _ kind: FoldKind?) {
        if kind == .personalDataErased {
            if case let .array(refs)? = envelope.data["refs"] {
                for case let .string(ref) in refs { erasedTexts.insert(ref) }
            }
            return
        }
        guard let fields = FreeTextFields.byType[envelope.type], let (place, dossierId) = textPlace(envelope, kind) else { return }
        for field in fields { index(envelope, field, place, dossierId: dossierId) }
    }

    /// Where the texts of an event with free text belong, and to which dossier (if any).
    func textPlace(_ envelope: EventEnvelope, _ kind: FoldKind?) -> (TextPlace, String?)? {
        let data = envelope.data
        func string(_ key: String) -> String? {
            if case let .string(value)? = data[key] { return value }
            return nil
        }
        switch kind {
        case .dossierRaised?, .dossierClosed?, .dossierReopened?, .dossierConfidentialitySet?:
            return (.dossier, string("dossierId"))
        case .departmentStatusUpdated?:
            return (.status(departmentId: string("departmentId") ?? ""), string("dossierId"))
        case .dossierEscalated?, .escalationResolved?:
            return (.escalation, string("dossierId"))
        case .discussionRecorded?, .notesAmended?:
            guard let meetingId = string("meetingId"), let itemId = string("itemId") else { return nil }
            return (.item(meetingId: meetingId, itemId: itemId), meetings[meetingId]?.items.first { $0.itemId == itemId }?.dossierId)
        case .decisionTaken?:
            guard let decisionId = string("decisionId") else { return nil }
            return (.decision(decisionId: decisionId), string("dossierId"))
        case .decisionCompleted?, .decisionRescheduled?, .decisionReassigned?, .decisionWithdrawn?, .decisionProgressReported?:
            guard let decisionId = string("decisionId") else { return nil }
            return (.decision(decisionId: decisionId), decisions[decisionId]?.dossierId)
        case .meetingAttendanceRecorded?, .meetingRescheduled?, .meetingCancelled?:
            guard let meetingId = string("meetingId") else { return nil }
            return (.meeting(meetingId: meetingId), nil)
        default:
            return nil
        }
    }

    mutating func index(_ envelope: EventEnvelope, _ field: String, _ place: TextPlace, dossierId: String?) {
        guard let value = envelope.data[field], let read = FreeText(json: value) else { return }
        let text = read.anchored(eventId: envelope.eventId, field: field)
        guard freeTexts[text.ref] == nil else { return }
        freeTexts[text.ref] = TextEntry(text: text, field: field, place: place, dossierId: dossierId)
        if let dossierId { textsOfDossier[dossierId, default: []].append(text.ref) }
    }

    /// Every text ever written for `dossierId`, in log order.
    package func texts(ofDossier dossierId: String) -> [TextEntry] {
        (textsOfDossier[dossierId] ?? []).compactMap { freeTexts[$0] }
    }
}
