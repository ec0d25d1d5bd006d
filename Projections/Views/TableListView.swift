import Events

/// The `table.list` answer: the tables a caller may read, so that a client picks a `tableId`
/// from the server instead of hard-coding one.
///
/// Tables come in `tableId` order; each names its stadsdeel, its member departments in the
/// order they joined, and `nextMeeting`: the meeting `agenda.get` shows without a
/// `meetingId` (the earliest-dated meeting of the table on or after `today` that is neither
/// closed nor cancelled, by date then id: ``CoordinationModel/upcomingMeeting(ofTable:today:)``),
/// as `{"meetingId", "date", "location"}`, or `null` when there is none.
package enum TableListView {
    /// - Parameters:
    ///   - stadsdeel: only the tables of this stadsdeel, when given.
    ///   - today: the day from which a meeting counts as next (`YYYY-MM-DD`).
    ///   - visible: whether the caller may read a table; the others are left out.
    package static func render(in model: CoordinationModel, stadsdeel: String?, today: String, visible: (TableRecord) -> Bool) -> JSONValue {
        let tables = model.tables.values.filter { table in stadsdeel.map { table.stadsdeel == $0 } ?? true }.filter(visible)
        let wanted = Set(tables.map(\.tableId))
        var next: [String: MeetingRecord] = [:]
        // One pass over the meetings rather than a sorted list per table; the same rule as
        // ``CoordinationModel/upcomingMeeting(ofTable:today:)``.
        for meeting in model.meetings.values where meeting.isOpen && meeting.date >= today && wanted.contains(meeting.tableId) {
            if let earlier = next[meeting.tableId], (earlier.date, earlier.meetingId) < (meeting.date, meeting.meetingId) { continue }
            next[meeting.tableId] = meeting
        }
        let rows: [JSONValue] = tables.sorted { $0.tableId < $1.tableId }.map { table in
            .object([
                ("tableId", .string(table.tableId)),
                ("name", .string(table.name)),
                ("stadsdeel", .string(table.stadsdeel)),
                ("members", .array(table.members.map(JSONValue.string))),
                ("nextMeeting", next[table.tableId].map(meeting) ?? .null),
            ])
        }
        return .object([("tables", .array(rows))])
    }

    static func meeting(_ meeting: MeetingRecord) -> JSONValue {
        .object([
            ("meetingId", .string(meeting.meetingId)),
            ("date", .string(meeting.date)),
            ("location", meeting.location.map(JSONValue.string) ?? .null),
        ])
    }
}
