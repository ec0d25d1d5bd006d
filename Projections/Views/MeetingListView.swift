import Events

/// The `meeting.list` answer: a table's meetings in date order (then id), each with its
/// status and counts — items on the agenda, items discussed, decisions taken that the
/// reader may read — so that a client finds the verslag it wants without reading each one.
/// Without filters every meeting is listed, closed and cancelled ones too.
package enum MeetingListView {
    /// - Parameters:
    ///   - from: only meetings dated on or after this day.
    ///   - until: only meetings dated on or before this day.
    ///   - status: only meetings with this status (`scheduled`, `closed`, `cancelled`).
    ///   - mayReadDecision: whether the reader may read a decision (it is counted).
    package static func render(
        tableId: String, in model: CoordinationModel, from: String?, until: String?, status: String?,
        mayReadDecision: (DecisionRecord) -> Bool
    ) -> JSONValue {
        let meetings = model.meetings(ofTable: tableId).filter { meeting in
            (from.map { meeting.date >= $0 } ?? true) && (until.map { meeting.date <= $0 } ?? true)
                && (status.map { meeting.status == $0 } ?? true)
        }
        var decisions: [String: Int] = [:]
        let wanted = Set(meetings.map(\.meetingId))
        for decision in model.decisions.values where wanted.contains(decision.meetingId) && mayReadDecision(decision) {
            decisions[decision.meetingId, default: 0] += 1
        }
        let rows: [JSONValue] = meetings.map { meeting in
            .object([
                ("meetingId", .string(meeting.meetingId)),
                ("date", .string(meeting.date)),
                ("location", meeting.location.map(JSONValue.string) ?? .null),
                ("status", .string(meeting.status)),
                ("items", .int(Int64(meeting.items.count))),
                ("discussed", .int(Int64(meeting.items.count(where: \.discussed)))),
                ("decisionsTaken", .int(Int64(decisions[meeting.meetingId] ?? 0))),
            ])
        }
        return .object([("meetings", .array(rows))])
    }
}
