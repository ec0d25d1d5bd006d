import Events

/// The `meeting.get` answer: the verslag of one meeting. The meeting with its status, final
/// agenda and approval; the attendance list; the items in agenda order with their
/// discussion notes, whether they were late, and where they carried over from and to; the
/// besluitenlijst (the decisions taken at the meeting); and the escalations raised for it.
///
/// The log does not tie an escalation to a meeting, so "raised for it" is read as: an
/// escalation of a dossier on this agenda, raised on the meeting's date (Europe/Amsterdam).
///
/// Scope as on the agenda: an item on a dossier the reader may not read shows only the
/// limited fields of the contract (no topic, no notes, no amendments), with
/// ``AgendaView/confidentialTitle`` for a confidential one; decisions and escalations the
/// reader may not read are left out.
package enum MeetingView {
    /// `nil` when the meeting does not exist (at that moment).
    /// - Parameters:
    ///   - today: the day `overdue` is judged by.
    ///   - mayRead: whether the reader may read a dossier (its items show in full).
    ///   - mayReadTitle: whether an item the reader may not read still shows the dossier's title.
    ///   - mayReadDecision: whether the reader may read a decision.
    package static func render(
        _ meetingId: String, in model: CoordinationModel, today: String, mayRead: (DossierRecord) -> Bool,
        mayReadTitle: (DossierRecord) -> Bool, mayReadDecision: (DecisionRecord) -> Bool, texts: any TextReader
    ) -> JSONValue? {
        guard let meeting = model.meetings[meetingId] else { return nil }
        let items = meeting.items.enumerated().map { index, item in
            self.item(item, position: index + 1, in: model, today: today, mayRead: mayRead, mayReadTitle: mayReadTitle, texts: texts)
        }
        let decisions = model.decisions.values.filter { $0.meetingId == meetingId && mayReadDecision($0) }.sorted { $0.decisionId < $1.decisionId }
        var escalations: [JSONValue] = []
        for item in meeting.items {
            guard let dossier = item.dossierId.flatMap({ model.dossiers[$0] }), mayRead(dossier) else { continue }
            for escalation in dossier.escalations where escalation.raisedAt.amsterdamDate == meeting.date {
                var shown = ShownTexts(texts)
                var members: [(String, JSONValue)] = [
                    ("dossierId", .string(dossier.dossierId)), ("to", .string(escalation.to)),
                    ("reason", shown.value(escalation.reason, field: "reason")), ("raisedAt", .string(escalation.raisedAt.iso8601)),
                    ("resolved", .bool(escalation.resolved)), ("outcome", shown.value(escalation.outcome, field: "outcome")),
                ]
                shown.mark(&members)
                escalations.append(.object(members))
            }
        }
        return .object([
            ("meeting", self.meeting(meeting, texts: texts)),
            ("attendance", .array(meeting.attendance.map { attendance($0, texts: texts) })),
            ("items", .array(items)),
            ("decisionsTaken", .array(decisions.map { DossierView.decision($0, today: today, texts: texts) })),
            ("escalationsRaised", .array(escalations)),
        ])
    }

    static func meeting(_ meeting: MeetingRecord, texts: any TextReader) -> JSONValue {
        var shown = ShownTexts(texts)
        let reschedules: [JSONValue] = meeting.reschedules.map { record in
            var inner = ShownTexts(texts)
            var members: [(String, JSONValue)] = [
                ("from", .string(record.from)), ("to", .string(record.to)), ("reason", inner.value(record.reason, field: "reason")),
                ("at", .string(record.at.iso8601)),
            ]
            inner.mark(&members)
            return .object(members)
        }
        var members: [(String, JSONValue)] = [
            ("meetingId", .string(meeting.meetingId)),
            ("tableId", .string(meeting.tableId)),
            ("date", .string(meeting.date)),
            ("location", meeting.location.map(JSONValue.string) ?? .null),
            ("status", .string(meeting.status)),
            ("finalised", .bool(meeting.finalised)),
            ("minutesApproved", .bool(meeting.minutesApproved)),
            ("cancelReason", shown.value(meeting.cancelReason, field: "cancelReason")),
            ("reschedules", .array(reschedules)),
        ]
        shown.mark(&members)
        return .object(members)
    }

    static func attendance(_ record: AttendanceRecord, texts: any TextReader) -> JSONValue {
        var shown = ShownTexts(texts)
        var members: [(String, JSONValue)] = [
            ("departmentId", .string(record.departmentId)),
            ("presence", .string(record.presence)),
            ("delegate", shown.value(record.delegate, field: "delegate")),
        ]
        shown.mark(&members)
        return .object(members)
    }

    static func item(
        _ item: AgendaItemRecord, position: Int, in model: CoordinationModel, today: String, mayRead: (DossierRecord) -> Bool,
        mayReadTitle: (DossierRecord) -> Bool, texts: any TextReader
    ) -> JSONValue {
        let dossier: DossierRecord? = item.dossierId.flatMap { model.dossiers[$0] }
        if let dossier, !mayRead(dossier) {
            return .object([
                ("itemId", .string(item.itemId)), ("position", .int(Int64(position))), ("dossierId", .string(dossier.dossierId)),
                ("title", .string(mayReadTitle(dossier) ? dossier.title : AgendaView.confidentialTitle)),
                ("overallStatus", .string(dossier.overallStatus)), ("overdue", .bool(dossier.isOverdue(today: today))),
                ("carriedOver", .bool(item.carriedOverFrom != nil)),
            ])
        }
        var shown = ShownTexts(texts)
        let amendments: [JSONValue] = item.amendments.map { amendment in
            var inner = ShownTexts(texts)
            var members: [(String, JSONValue)] = [
                ("reason", inner.value(amendment.reason, field: "reason")), ("at", .string(amendment.at.iso8601)), ("by", .string(amendment.by)),
            ]
            inner.mark(&members)
            return .object(members)
        }
        var members: [(String, JSONValue)] = [
            ("itemId", .string(item.itemId)),
            ("position", .int(Int64(position))),
            ("dossierId", item.dossierId.map(JSONValue.string) ?? .null),
            ("topic", item.topic.map(JSONValue.string) ?? .null),
            ("title", .string(dossier?.title ?? item.topic ?? "")),
            ("discussed", .bool(item.discussed)),
            ("notes", shown.value(item.notes, field: "notes")),
            ("late", .bool(item.late)),
            ("carriedOverFrom", item.carriedOverFrom.map(JSONValue.string) ?? .null),
            ("carriedOverTo", item.carriedOverTo.map(JSONValue.string) ?? .null),
            ("amendments", .array(amendments)),
            ("confidential", .bool(dossier?.confidential ?? false)),
        ]
        shown.mark(&members)
        return .object(members)
    }
}
