import Coordination
import EventStore
import Events
import Projections

extension MethodCatalogue {
    static let todayParam = ParamSpec.optional("today", .date, "The day `overdue` is judged by; default the server's date in Europe/Amsterdam (for asOf/atPosition: the date then).")
    static let moment: [ParamSpec] = [
        .optional("asOf", .time, "Answer as the log stood at this time (ISO 8601 UTC)."),
        .optional("atPosition", .integer, "Answer as the log stood after this position."),
    ]

    static func moment(_ p: Params) throws(DomainError) -> Moment {
        let time = try p.time("asOf")
        let position = p.integer("atPosition")
        if time != nil && position != nil { throw DomainError(.invalidParams, "give asOf or atPosition, not both", fields: ["asOf", "atPosition"]) }
        if let time { return .asOf(time) }
        if let position { return .atPosition(position) }
        return .live
    }

    /// Every query of the RPC reference, and `rpc.discover`.
    static let queries: [MethodDescriptor] = [
        .query("agenda.get", "A table's agenda: the next meeting by default, its items with each dossier's status across departments, and the decisions due by the meeting date.",
            allowed: "admin, auditor; regisseur and wethouder of the stadsdeel; member departments", [
            .required("tableId", .identifier, "The table."),
            .optional("meetingId", .identifier, "A meeting of the table; default the earliest-dated meeting on or after today that is neither closed nor cancelled."),
            todayParam,
        ] + moment, result: ResultSchemas.agenda) { p throws(DomainError) in
            .query(.agenda(tableId: p.text("tableId"), meetingId: p.string("meetingId"), moment: try moment(p), today: p.string("today")))
        },
        .query("meeting.list", "A table's meetings in date order, with status and counts; without filters every meeting, closed and cancelled ones too.",
            allowed: "admin, auditor; regisseur and wethouder of the stadsdeel; member departments", [
            .required("tableId", .identifier, "The table."),
            .optional("from", .date, "Only meetings dated on or after this day."),
            .optional("until", .date, "Only meetings dated on or before this day."),
            .optional("status", .oneOf(Query.meetingStatuses), "Only meetings with this status."),
        ] + moment, result: ResultSchemas.meetingList) { p throws(DomainError) in
            .query(.meetingList(tableId: p.text("tableId"), from: p.string("from"), until: p.string("until"), status: p.string("status"), moment: try moment(p)))
        },
        .query("meeting.get", "The verslag of a meeting: attendance, items in order with their notes, carry-over from and to, the besluitenlijst and the escalations raised.",
            allowed: "admin, auditor; regisseur and wethouder of the stadsdeel; member departments", [
            .required("meetingId", .identifier, "The meeting."),
        ] + moment, result: ResultSchemas.meeting) { p throws(DomainError) in
            .query(.meetingGet(meetingId: p.text("meetingId"), moment: try moment(p)))
        },
        .query("dossier.get", "One dossier, as it is or as it was: statuses per department, assignments, deadline, escalations, decisions.",
            allowed: "admin, auditor; regisseur and wethouder of the stadsdeel; assigned departments", [
            .required("dossierId", .identifier, "The dossier."), todayParam,
        ] + moment, result: ResultSchemas.dossier) { p throws(DomainError) in
            .query(.dossier(dossierId: p.text("dossierId"), moment: try moment(p), today: p.string("today")))
        },
        .query("dossier.list", "A page of dossier summaries in id order, filtered; only the dossiers the caller may read; as they are or were.",
            allowed: "every role, within its scope", [
            .optional("tableId", .identifier, "Only this table's dossiers."),
            .optional("stadsdeel", .areaCode, "Only dossiers of tables of this stadsdeel."),
            .optional("departmentId", .identifier, "Only dossiers this department is assigned to."),
            .optional("status", .oneOf(DossierFilter.overallStatuses), "Only dossiers with this overall status."),
            .optional("overdue", .boolean, "Only overdue (true) or not overdue (false) dossiers."),
            .optional("escalated", .boolean, "Only dossiers with (true) or without (false) an open escalation."),
            todayParam,
            .optional("limit", .integer, "Page size, 1 to 1000 (default 100)."),
            .optional("cursor", .name, "The nextCursor of the previous page."),
        ] + moment, result: ResultSchemas.dossierList) { p throws(DomainError) in
            let filter = DossierFilter(
                tableId: p.string("tableId"), stadsdeel: p.string("stadsdeel"), departmentId: p.string("departmentId"), status: p.string("status"),
                overdue: p.bool("overdue"), escalated: p.bool("escalated"))
            return .query(.dossierList(filter, moment: try moment(p), today: p.string("today"), limit: try p.limit(), cursor: p.string("cursor")))
        },
        .query("decision.list", "The actielijst: a page of decisions, earliest due first, filtered; only the decisions the caller may read; as they are or were.",
            allowed: "every role, within its scope (a department reads the decisions it owns)", [
            .optional("tableId", .identifier, "Only decisions taken at this table's meetings."),
            .optional("stadsdeel", .areaCode, "Only decisions of tables of this stadsdeel."),
            .optional("ownerDepartment", .identifier, "Only decisions this department owns."),
            .optional("meetingId", .identifier, "Only decisions taken at this meeting."),
            .optional("dossierId", .identifier, "Only decisions on this dossier."),
            .optional("state", .oneOf(DecisionState.allCases.map(\.rawValue)), "Only decisions in this state (default every state)."),
            .optional("overdue", .boolean, "Only overdue (true: open and due before today) or not overdue (false) decisions."),
            .optional("dueBefore", .date, "Only decisions due before this day."),
            todayParam,
            .optional("limit", .integer, "Page size, 1 to 1000 (default 100)."),
            .optional("cursor", .name, "The nextCursor of the previous page."),
        ] + moment, result: ResultSchemas.decisionList) { p throws(DomainError) in
            let filter = DecisionFilter(
                tableId: p.string("tableId"), stadsdeel: p.string("stadsdeel"), ownerDepartment: p.string("ownerDepartment"),
                meetingId: p.string("meetingId"), dossierId: p.string("dossierId"), state: p.string("state").flatMap(DecisionState.init(rawValue:)),
                overdue: p.bool("overdue"), dueBefore: p.string("dueBefore"))
            return .query(.decisionList(filter, moment: try moment(p), today: p.string("today"), limit: try p.limit(), cursor: p.string("cursor")))
        },
        .query("department.overview", "A department's dossiers with every other department's status on them, earliest deadline first, and its open decisions (its actielijst); as they are or were.",
            allowed: "admin, auditor; regisseur and wethouder (their stadsdelen); the department itself", [
            .required("departmentId", .identifier, "The department."), todayParam,
        ] + moment, result: ResultSchemas.departmentOverview) { p throws(DomainError) in
            .query(.departmentOverview(departmentId: p.text("departmentId"), moment: try moment(p), today: p.string("today")))
        },
        .query("dashboard.stadsdeel", "Counts for a stadsdeel and each wijk in it: dossiers by overall status, overdue, open escalations, decisions, median days to close; as they are or were.",
            allowed: "admin, auditor; regisseur and wethouder of the stadsdeel", [
            .required("stadsdeel", .areaCode, "The stadsdeel."), todayParam,
        ] + moment, result: ResultSchemas.dashboard) { p throws(DomainError) in
            .query(.dashboard(stadsdeel: p.text("stadsdeel"), moment: try moment(p), today: p.string("today")))
        },
        .query("audit.trail", "The envelopes of one stream, one dossier (with its agenda events and decisions) or one actor, in log order; exactly one of stream, dossierId, actor.",
            allowed: "admin, auditor; others what they may read (their own actor trail)", [
            .optional("stream", .name, "A stream, e.g. dossier-<id>, meeting-<id>."),
            .optional("dossierId", .identifier, "A dossier: its stream and every event naming it."),
            .optional("actor", .name, "A principal id: what it did."),
            .optional("from", .time, "Only events recorded at or after this time."),
            .optional("until", .time, "Only events recorded at or before this time."),
            .optional("limit", .integer, "Page size, 1 to 1000 (default 100)."),
            .optional("cursor", .name, "The nextCursor of the previous page."),
        ], result: ResultSchemas.envelopePage) { p throws(DomainError) in
            let chosen = [p.string("stream").map(AuditSelection.stream), p.string("dossierId").map(AuditSelection.dossier), p.string("actor").map(AuditSelection.actor)]
                .compactMap { $0 }
            guard chosen.count == 1 else {
                throw DomainError(.invalidParams, "give exactly one of stream, dossierId and actor", fields: ["stream", "dossierId", "actor"])
            }
            var cursor: Int64?
            if let text = p.string("cursor") {
                guard let value = Int64(text), value >= 1 else { throw DomainError(.invalidParams, "cursor is not one this server gave", fields: ["cursor"]) }
                cursor = value
            }
            return .query(.auditTrail(chosen[0], from: try p.time("from"), until: try p.time("until"), limit: try p.limit(), cursor: cursor))
        },
        .query("audit.verify", "Verifies the hash chain — from position 1 the first time, afterwards the events since the last verification, from the hash verified then — and names the first bad position.", allowed: "every authenticated principal", [],
            result: ResultSchemas.verification, errors: [.unauthenticated]) { _ throws(DomainError) in .query(.auditVerify) },
        .query("events.read", "Raw envelopes of the log from a position, in pages.", allowed: "auditor, admin", [
            .optional("fromPosition", .integer, "The first position (default 1)."),
            .optional("limit", .integer, "Page size, 1 to 1000 (default 100)."),
        ], result: ResultSchemas.envelopePage, errors: [.invalidParams, .unauthenticated, .forbidden]) { p throws(DomainError) in
            .query(.readEvents(fromPosition: p.integer("fromPosition") ?? 1, limit: try p.limit()))
        },
        .query("privacy.search", "Every live free text (current or superseded; never an erased one) containing the term, case-insensitively, with its dossier and field: for an access request (inzageverzoek).",
            allowed: "privacy", [
            .required("term", .text, "The text to find (case-insensitive, Unicode lower-case mapping; accents are not folded)."),
        ], result: ResultSchemas.searchHits, errors: [.invalidParams, .unauthenticated, .forbidden]) { p throws(DomainError) in
            .query(.searchTexts(term: p.text("term")))
        },
        .query("table.list", "The tables the caller may read, in tableId order, with their stadsdeel, member departments and next meeting.",
            allowed: "every role, within its scope", [
            .optional("stadsdeel", .areaCode, "Only the tables of this stadsdeel."),
        ], result: ResultSchemas.tableList, errors: [.invalidParams, .unauthenticated, .notFound]) { p throws(DomainError) in
            .query(.tableList(stadsdeel: p.string("stadsdeel")))
        },
        .query("department.list", "Every department and partner organisation, in departmentId order.", allowed: "every role", [],
            result: ResultSchemas.departmentList, errors: [.unauthenticated]) { _ throws(DomainError) in .query(.departmentList) },
        .query("area.list", "The areas (stadsdelen, wijken, buurten) in code order, each with its parent; with under, only those below that area.",
            allowed: "every role", [
            .optional("under", .areaCode, "Only the areas below this one, at any depth."),
        ], result: ResultSchemas.areaList, errors: [.invalidParams, .unauthenticated, .notFound]) { p throws(DomainError) in
            .query(.areaList(under: p.string("under")))
        },
        .query("principal.me", "The caller as the server knows it now: id, name, role, stadsdelen and departments (never its token hash).",
            allowed: "every role", [], result: ResultSchemas.principal, errors: [.unauthenticated]) { _ throws(DomainError) in .query(.principalMe) },
        .query("audit.reads", "The read log: which principal read which dossiers' data, when, through which method, for which processing activity; exactly one of dossierId and actor, in log order.",
            allowed: "auditor, privacy", [
            .optional("dossierId", .identifier, "A dossier: every read that returned its data."),
            .optional("actor", .name, "A principal id: every read it made."),
            .optional("from", .time, "Only reads started at or after this time."),
            .optional("until", .time, "Only reads started at or before this time."),
            .optional("limit", .integer, "Page size, 1 to 1000 (default 100)."),
            .optional("cursor", .name, "The nextCursor of the previous page."),
        ], result: ResultSchemas.readPage, errors: [.invalidParams, .unauthenticated, .forbidden, .notFound, .ruleViolation]) { p throws(DomainError) in
            let chosen = [p.string("dossierId").map(ReadSelection.dossier), p.string("actor").map(ReadSelection.actor)].compactMap { $0 }
            guard chosen.count == 1 else {
                throw DomainError(.invalidParams, "give exactly one of dossierId and actor", fields: ["dossierId", "actor"])
            }
            var cursor: Int64?
            if let text = p.string("cursor") {
                guard let value = Int64(text), value >= 1 else { throw DomainError(.invalidParams, "cursor is not one this server gave", fields: ["cursor"]) }
                cursor = value
            }
            return .query(.reads(chosen[0], from: try p.time("from"), until: try p.time("until"), limit: try p.limit(), cursor: cursor))
        },
        MethodDescriptor(
            name: "rpc.discover", summary: "This server's OpenRPC document: every method, its params, result and errors.", kind: .discovery,
            allowed: "anyone (no token)", params: [], result: ResultSchemas.openRPC,
            errors: [], build: { _ throws(DomainError) in .discovery }),
    ]
}
