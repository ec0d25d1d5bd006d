import Events

/// The `agenda.get` answer of the RPC reference: the meeting, its items in agenda order with each
/// dossier's status across departments, and the decisions due by the meeting date.
///
/// Everyone at the table sees every item, but an item on a dossier the reader may not read
/// shows only what the agenda itself says (the RPC reference, "Scope on agendas"): no statuses of
/// departments, no notes, no escalation reason; on a confidential dossier not even its title
/// (``confidentialTitle`` instead). A decision due that the reader may not read is left out.
package enum AgendaView {
    /// The title an item on a confidential dossier shows to those who may not read it.
    package static let confidentialTitle = "Vertrouwelijk agendapunt"

    /// The meeting `meetingId`, or by default the earliest-dated meeting of the table on or
    /// after `today` that is neither closed nor cancelled; `nil` when there is none.
    /// - Parameters:
    ///   - mayRead: whether the reader may read a dossier (its items show in full).
    ///   - mayReadTitle: whether an item the reader may not read still shows the dossier's title.
    ///   - mayReadDecision: whether the reader may read a decision (it is listed as due).
    package static func render(
        tableId: String, meetingId: String?, in model: CoordinationModel, today: String, mayRead: (DossierRecord) -> Bool,
        mayReadTitle: (DossierRecord) -> Bool, mayReadDecision: (DecisionRecord) -> Bool, texts: any TextReader
    ) -> JSONValue? {
        let meetings = model.meetings(ofTable: tableId)
        guard
            let meeting = meetingId.flatMap({ id in meetings.first { $0.meetingId == id } })
                ?? (meetingId == nil ? model.upcomingMeeting(ofTable: tableId, today: today) : nil)
        else { return nil }
        let items = meeting.items.enumerated().map { index, item in
            self.item(item, position: index + 1, in: model, today: today, mayRead: mayRead, mayReadTitle: mayReadTitle, texts: texts)
        }
        let dossiersOfTable = Set(model.dossiers.values.filter { $0.tableId == tableId }.map(\.dossierId))
        let meetingsOfTable = Set(meetings.map(\.meetingId))
        let due = model.decisions.values.filter { decision in
            !decision.completed && (decision.due.map { $0 <= meeting.date } ?? false) && mayReadDecision(decision)
                && (meetingsOfTable.contains(decision.meetingId) || decision.dossierId.map(dossiersOfTable.contains) == true)
        }.sorted { ($0.due ?? "", $0.decisionId) < ($1.due ?? "", $1.decisionId) }
        return .object([
            ("meeting", .object([
                ("meetingId", .string(meeting.meetingId)), ("tableId", .string(meeting.tableId)),
                ("date", .string(meeting.date)), ("status", .string(meeting.status)), ("finalised", .bool(meeting.finalised)),
            ])),
            ("items", .array(items)),
            ("decisionsDue", .array(due.map { DossierView.decision($0, today: today, texts: texts) })),
        ])
    }

    static func item(
        _ item: AgendaItemRecord, position: Int, in model: CoordinationModel, today: String, mayRead: (DossierRecord) -> Bool,
        mayReadTitle: (DossierRecord) -> Bool, texts: any TextReader
    ) -> JSONValue {
        let dossier: DossierRecord? = item.dossierId.flatMap { model.dossiers[$0] }
        let title: String = dossier?.title ?? item.topic ?? ""
        let overall: JSONValue = dossier.map { JSONValue.string($0.overallStatus) } ?? .null
        let overdue: Bool = dossier?.isOverdue(today: today) ?? false
        if let dossier, !mayRead(dossier) {
            return .object([
                ("itemId", .string(item.itemId)), ("position", .int(Int64(position))), ("dossierId", .string(dossier.dossierId)),
                ("title", .string(mayReadTitle(dossier) ? title : confidentialTitle)), ("overallStatus", overall), ("overdue", .bool(overdue)),
                ("carriedOver", .bool(item.carriedOverFrom != nil)),
            ])
        }
        let departments: [JSONValue] = dossier?.departments.map { DossierView.departmentStatus($0, texts: texts) } ?? []
        var lead: JSONValue = .null
        if let record = dossier?.departments.first(where: { $0.role == "lead" }) { lead = .string(record.departmentId) }
        var deadline: JSONValue = .null
        if let text = dossier?.deadline { deadline = .string(text) }
        var escalation: JSONValue = .null
        if let open = dossier?.openEscalation {
            var shown = ShownTexts(texts)
            var members: [(String, JSONValue)] = [
                ("to", .string(open.to)), ("reason", shown.value(open.reason, field: "reason")), ("raisedAt", .string(open.raisedAt.iso8601)),
            ]
            shown.mark(&members)
            escalation = .object(members)
        }
        var members: [(String, JSONValue)] = []
        members.append(("itemId", .string(item.itemId)))
        members.append(("position", .int(Int64(position))))
        members.append(("dossierId", item.dossierId.map(JSONValue.string) ?? .null))
        members.append(("topic", item.topic.map(JSONValue.string) ?? .null))
        members.append(("title", .string(title)))
        members.append(("overallStatus", overall))
        members.append(("departments", .array(departments)))
        members.append(("lead", lead))
        members.append(("deadline", deadline))
        members.append(("overdue", .bool(overdue)))
        members.append(("escalation", escalation))
        members.append(("carriedOver", .bool(item.carriedOverFrom != nil)))
        members.append(("confidential", .bool(dossier?.confidential ?? false)))
        members.append(("carriedOverFrom", item.carriedOverFrom.map(JSONValue.string) ?? .null))
        members.append(("discussed", .bool(item.discussed)))
        members.append(("late", .bool(item.late)))
        return .object(members)
    }
}
