import Events

extension CoordinationModel {
    /// Indexes the free texts of `envelope` (run before the fold, so an agenda item's or a
    /// decision's dossier is looked up as it stood when the text was written), and records
    /// which references an erasure named. Never throws: a body the fold cannot read holds
    /// no text this index could name either. The fields are `FreeTextFields.byType`'s.
    mutating func indexTexts(_ envelope: EventEnvelope, _ kind: FoldKind?) {
        let data = envelope.data
        func string(_ key: String) -> String? {
            if case let .string(value)? = data[key] { return value }
            return nil
        }
        switch kind {
        case .personalDataErased?:
            if case let .array(refs)? = data["refs"] {
                for case let .string(ref) in refs { erasedTexts.insert(ref) }
            }
        case .dossierRaised?: index(envelope, "summary", .dossier, dossierId: string("dossierId"))
        case .departmentStatusUpdated?:
            guard data["note"] != nil else { return }
            index(envelope, "note", .status(departmentId: string("departmentId") ?? ""), dossierId: string("dossierId"))
        case .dossierEscalated?: index(envelope, "reason", .escalation, dossierId: string("dossierId"))
        case .escalationResolved?: index(envelope, "outcome", .escalation, dossierId: string("dossierId"))
        case .dossierClosed?: index(envelope, "resolution", .dossier, dossierId: string("dossierId"))
        case .dossierReopened?: index(envelope, "reason", .dossier, dossierId: string("dossierId"))
        case .discussionRecorded?:
            guard data["notes"] != nil, let meetingId = string("meetingId"), let itemId = string("itemId") else { return }
            let dossierId = meetings[meetingId]?.items.first { $0.itemId == itemId }?.dossierId
            index(envelope, "notes", .item(meetingId: meetingId, itemId: itemId), dossierId: dossierId)
        case .decisionTaken?:
            guard let decisionId = string("decisionId") else { return }
            index(envelope, "text", .decision(decisionId: decisionId), dossierId: string("dossierId"))
        case .decisionCompleted?:
            guard data["note"] != nil, let decisionId = string("decisionId") else { return }
            index(envelope, "note", .decision(decisionId: decisionId), dossierId: decisions[decisionId]?.dossierId)
        case .dossierConfidentialitySet?:
            index(envelope, "reason", .dossier, dossierId: string("dossierId"))
        case .meetingAttendanceRecorded?, .meetingRescheduled?, .meetingCancelled?:
            guard let meetingId = string("meetingId") else { return }
            for field in ["delegate", "reason"] where data[field] != nil { index(envelope, field, .meeting(meetingId: meetingId), dossierId: nil) }
        case .notesAmended?:
            guard let meetingId = string("meetingId"), let itemId = string("itemId") else { return }
            let dossierId = meetings[meetingId]?.items.first { $0.itemId == itemId }?.dossierId
            for field in ["notes", "reason"] { index(envelope, field, .item(meetingId: meetingId, itemId: itemId), dossierId: dossierId) }
        default:
            return
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
