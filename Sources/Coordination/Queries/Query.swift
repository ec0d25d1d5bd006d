import EventStore
import Events
import Projections

/// Every query of the JSON-RPC contract (the RPC reference), with its parameters typed. Queries are
/// answered from projections only; none of them writes.
package enum Query: Sendable, Equatable {
    case agenda(tableId: String, meetingId: String?, moment: Moment, today: String?)
    case dossier(dossierId: String, moment: Moment, today: String?)
    /// A page of dossier summaries, as they are or were (`moment` defaults to now).
    case dossierList(DossierFilter, moment: Moment = .live, today: String?, limit: Int, cursor: String?)
    /// A department's worklist and open decisions, as they are or were.
    case departmentOverview(departmentId: String, moment: Moment = .live, today: String?)
    /// The actielijst (contract v2): decisions filtered, earliest due first, as they are or were.
    case decisionList(DecisionFilter, moment: Moment, today: String?, limit: Int, cursor: String?)
    /// A stadsdeel's counts, as they are or were.
    case dashboard(stadsdeel: String, moment: Moment = .live, today: String?)
    case auditTrail(AuditSelection, from: Timestamp?, until: Timestamp?, limit: Int, cursor: Int64?)
    case auditVerify
    case readEvents(fromPosition: Int64, limit: Int)
    /// `privacy.search`: every live free text containing `term` (for an inzageverzoek).
    case searchTexts(term: String)
    /// Reference data, so that a client never hard-codes an id (contract v2): the tables the
    /// caller may read, optionally of one stadsdeel; every department; the areas (under one).
    case tableList(stadsdeel: String?)
    case departmentList
    case areaList(under: String?)
    /// The caller as the server knows it now: id, name, role and scope.
    case principalMe
    /// A table's meetings in date order, filtered by date range and status (contract v2).
    case meetingList(tableId: String, from: String?, until: String?, status: String?, moment: Moment)
    /// The verslag of one meeting (contract v2).
    case meetingGet(meetingId: String, moment: Moment)

    /// The statuses a meeting has.
    package static let meetingStatuses = ["scheduled", "closed", "cancelled"]
    /// `audit.reads`: the read log's records of one dossier or one actor; the cursor is the
    /// sequence number of the last record of the previous page.
    case reads(ReadSelection, from: Timestamp?, until: Timestamp?, limit: Int, cursor: Int64?)

    /// Default and largest page size of the paged queries.
    package static let defaultLimit = 100
    package static let maximumLimit = 1000
}

/// When a query looks: now, or as the log stood at a past moment.
package enum Moment: Sendable, Equatable {
    case live
    /// After the last event recorded at or before this time.
    case asOf(Timestamp)
    /// After the event at this position (inclusive, the RPC reference).
    case atPosition(Int64)
}

/// Whose history `audit.trail` pages through.
package enum AuditSelection: Sendable, Equatable {
    case stream(String)
    case dossier(String)
    case actor(String)
}
