import Events

/// Everything the business rules need to know, folded from the log: the state the
/// deciders of `Coordination` decide on.
///
/// It is a projection like the query read models: fed in log order, rebuildable from
/// position 0, and it also knows each stream's version, which a command appends against
/// as its expected version.
package struct CoordinationModel: Projection, Equatable {
    package internal(set) var position: Int64 = 0
    package internal(set) var areas: [String: AreaRecord] = [:]
    package internal(set) var departments: [String: DepartmentRecord] = [:]
    package internal(set) var principals: [String: PrincipalRecord] = [:]
    package internal(set) var tables: [String: TableRecord] = [:]
    package internal(set) var dossiers: [String: DossierRecord] = [:]
    package internal(set) var meetings: [String: MeetingRecord] = [:]
    package internal(set) var decisions: [String: DecisionRecord] = [:]
    /// Every dossier id in the order the dossiers were raised: lets a reader keep its own
    /// sorted index up to date from where it left off instead of sorting every id again.
    package internal(set) var raisedDossiers: [String] = []
    /// Principal ids by the SHA-256 (hex) of their current token.
    package internal(set) var tokens: [String: String] = [:]
    package internal(set) var streamVersions: [String: Int64] = [:]
    /// Every item already carried over to a later meeting.
    package internal(set) var carriedItems: Set<ItemKey> = []
    /// Every free text the log holds, by reference (``TextEntry``): the current ones and
    /// every one a later event superseded.
    package internal(set) var freeTexts: [String: TextEntry] = [:]
    /// The references of every text written for a dossier (its own events, its agenda
    /// items' discussion notes, its decisions' texts and notes), in log order.
    package internal(set) var textsOfDossier: [String: [String]] = [:]
    /// References a `PersonalDataErased` event named.
    package internal(set) var erasedTexts: Set<String> = []
    /// Events this build could not read (unknown type or shape): counted, never hidden.
    package internal(set) var unreadable: Int = 0

    package init() {}

    /// The version of `stream` (0 when it does not exist).
    package func version(of stream: String) -> Int64 { streamVersions[stream] ?? 0 }

    /// Meetings of a table, by date then id.
    package func meetings(ofTable tableId: String) -> [MeetingRecord] {
        meetings.values.filter { $0.tableId == tableId }.sorted { ($0.date, $0.meetingId) < ($1.date, $1.meetingId) }
    }

    /// The meeting of `tableId` that undiscussed items of `closed` (a closed or cancelled
    /// meeting) carry over to: the earliest meeting dated on or after it that is neither
    /// closed nor cancelled.
    package func nextMeeting(after closed: MeetingRecord) -> MeetingRecord? {
        meetings(ofTable: closed.tableId).first { $0.isOpen && $0.meetingId != closed.meetingId && $0.date >= closed.date }
    }

    /// The meeting `agenda.get` shows without a `meetingId`: the earliest-dated meeting of
    /// `tableId` on or after `today` that is neither closed nor cancelled (by date, then id).
    package func upcomingMeeting(ofTable tableId: String, today: String) -> MeetingRecord? {
        meetings(ofTable: tableId).first { $0.isOpen && $0.date >= today }
    }

    /// Undiscussed items of closed and cancelled meetings of `tableId` not yet carried over,
    /// oldest meeting first and in agenda order: what the table's next meeting inherits.
    package func pendingCarryOver(tableId: String, until date: String) -> [(MeetingRecord, AgendaItemRecord)] {
        meetings(ofTable: tableId).filter { !$0.isOpen && $0.date <= date }.flatMap { meeting in
            meeting.items.filter { !$0.discussed && !carriedItems.contains(ItemKey(meetingId: meeting.meetingId, itemId: $0.itemId)) }
                .map { (meeting, $0) }
        }
    }

    package mutating func apply(_ envelope: EventEnvelope) {
        position = envelope.position
        streamVersions[envelope.stream] = envelope.version
        // One look-up of the type for the text index and the fold (this runs per event).
        let kind = FoldKind.byType[envelope.type]
        indexTexts(envelope, kind)
        do {
            try fold(envelope, kind)
        } catch {
            unreadable += 1
        }
    }
}
