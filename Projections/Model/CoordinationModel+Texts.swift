import Events

extension CoordinationModel {
    /// Indexes the free texts of `envelope` (run before the fold, so an agenda item's or a
    /// decision's dossier is looked up as it stood when the text was written), and records
    /// which references an erasure named. Never throws: a body the fold cannot read holds
    /// no text this index could name either.
    mutating func indexTexts(_ envelope: EventEnvelope) {
        if envelope.type == PersonalDataErased.eventType {
            if let erased = try? PersonalDataErased(data: envelope.data) { erasedTexts.formUnion(erased.refs) }
            return
        }
        let texts = FreeTextFields.texts(of: envelope)
        if texts.isEmpty { return }
        let data = envelope.data
        func string(_ key: String) -> String? {
            if case let .string(value)? = data[key] { return value }
            return nil
        }
        var dossierId = string("dossierId")
        let place: String
        switch envelope.type {
        case DepartmentStatusUpdated.eventType: place = "status \(string("departmentId") ?? "")"
        case DossierEscalated.eventType, EscalationResolved.eventType: place = "escalation"
        case DiscussionRecorded.eventType:
            let meetingId = string("meetingId") ?? ""
            let itemId = string("itemId") ?? ""
            place = "item \(meetingId)/\(itemId)"
            dossierId = meetings[meetingId]?.items.first { $0.itemId == itemId }?.dossierId
        case DecisionTaken.eventType:
            place = "decision \(string("decisionId") ?? "")"
        case DecisionCompleted.eventType:
            let decisionId = string("decisionId") ?? ""
            place = "decision \(decisionId)"
            dossierId = decisions[decisionId]?.dossierId
        default: place = "dossier"
        }
        for (field, text) in texts where freeTexts[text.ref] == nil {
            freeTexts[text.ref] = TextEntry(text: text, field: field, place: place, dossierId: dossierId)
            if let dossierId { textsOfDossier[dossierId, default: []].append(text.ref) }
        }
    }

    /// Every text ever written for `dossierId`, in log order.
    package func texts(ofDossier dossierId: String) -> [TextEntry] {
        (textsOfDossier[dossierId] ?? []).compactMap { freeTexts[$0] }
    }
}
