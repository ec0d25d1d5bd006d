import Events
import Projections

/// The parameter checks of every query, run before any object is looked up: a failure
/// names every bad field (`-32602` with `data.fields`).
package enum QueryValidation {
    package static func validate(_ query: Query) throws(DomainError) {
        var bad: [(String, String)] = []
        func id(_ value: String?, _ field: String) {
            if let value, !CommandValidation.isIdentifier(value) { bad.append((field, "must match [a-z0-9][a-z0-9._-]{0,63}")) }
        }
        func date(_ value: String?, _ field: String) {
            if let value, !CommandValidation.isDate(value) { bad.append((field, "must be a date YYYY-MM-DD that exists")) }
        }
        func limit(_ value: Int) {
            if value < 1 || value > Query.maximumLimit { bad.append(("limit", "must be 1 to \(Query.maximumLimit)")) }
        }
        func key(_ value: String?, _ field: String) {
            if let value, let problem = TextRule.key.problem(in: value) { bad.append((field, problem)) }
        }
        func principal(_ actor: String) {
            if actor.isEmpty { bad.append(("actor", "must name a principal")) }
            key(actor, "actor")
        }
        /// The paging window of the trails (`audit.trail`, `audit.reads`).
        func window(_ from: Timestamp?, _ until: Timestamp?, _ size: Int, _ cursor: Int64?, _ cursorProblem: String) {
            if let from, let until, until < from { bad.append(("until", "must not be before from")) }
            limit(size)
            if let cursor, cursor < 1 { bad.append(("cursor", cursorProblem)) }
        }
        func moment(_ value: Moment) {
            if case let .atPosition(position) = value, position < 0 { bad.append(("atPosition", "must be 0 or more")) }
        }
        switch query {
        case let .agenda(tableId, meetingId, at, today):
            id(tableId, "tableId")
            id(meetingId, "meetingId")
            moment(at)
            date(today, "today")
        case let .dossier(dossierId, at, today):
            id(dossierId, "dossierId")
            moment(at)
            date(today, "today")
        case let .dossierList(filter, at, today, size, cursor):
            id(filter.tableId, "tableId")
            id(filter.departmentId, "departmentId")
            if let stadsdeel = filter.stadsdeel, !CommandValidation.isAreaCode(stadsdeel) { bad.append(("stadsdeel", "must be an area code")) }
            if let status = filter.status, !DossierFilter.overallStatuses.contains(status) {
                bad.append(("status", "must be one of \(DossierFilter.overallStatuses.joined(separator: ", "))"))
            }
            moment(at)
            date(today, "today")
            limit(size)
            key(cursor, "cursor")
        case let .decisionList(filter, at, today, size, cursor):
            id(filter.tableId, "tableId")
            id(filter.ownerDepartment, "ownerDepartment")
            id(filter.meetingId, "meetingId")
            id(filter.dossierId, "dossierId")
            if let stadsdeel = filter.stadsdeel, !CommandValidation.isAreaCode(stadsdeel) { bad.append(("stadsdeel", "must be an area code")) }
            date(filter.dueBefore, "dueBefore")
            moment(at)
            date(today, "today")
            limit(size)
            key(cursor, "cursor")
            if let cursor, TextRule.key.problem(in: cursor) == nil, DecisionListView.Cursor(cursor) == nil {
                bad.append(("cursor", "is not one this server gave"))
            }
        case let .departmentOverview(departmentId, at, today):
            id(departmentId, "departmentId")
            moment(at)
            date(today, "today")
        case let .dashboard(stadsdeel, at, today):
            if !CommandValidation.isAreaCode(stadsdeel) { bad.append(("stadsdeel", "must be an area code")) }
            moment(at)
            date(today, "today")
        case let .auditTrail(selection, from, until, size, cursor):
            switch selection {
            case let .stream(stream):
                if stream.isEmpty { bad.append(("stream", "must name a stream")) }
                key(stream, "stream")
            case let .dossier(dossierId): id(dossierId, "dossierId")
            case let .actor(actor): principal(actor)
            }
            window(from, until, size, cursor, "must be a position from an earlier page")
        case .auditVerify:
            break
        case let .reads(selection, from, until, size, cursor):
            switch selection {
            case let .dossier(dossierId): id(dossierId, "dossierId")
            case let .actor(actor): principal(actor)
            }
            window(from, until, size, cursor, "must be one this server gave")
        case let .readEvents(fromPosition, size):
            if fromPosition < 1 { bad.append(("fromPosition", "must be 1 or more")) }
            limit(size)
        case let .searchTexts(term):
            if let problem = TextRule.short.problem(in: term) {
                bad.append(("term", problem))
            } else if term.allSatisfy(\.isWhitespace) {
                bad.append(("term", "must not be empty"))
            }
        case let .tableList(stadsdeel):
            if let stadsdeel, !CommandValidation.isAreaCode(stadsdeel) { bad.append(("stadsdeel", "must be an area code")) }
        case let .areaList(under):
            if let under, !CommandValidation.isAreaCode(under) { bad.append(("under", "must be an area code")) }
        case .departmentList, .principalMe:
            break
        case let .meetingList(tableId, from, until, status, at):
            id(tableId, "tableId")
            date(from, "from")
            date(until, "until")
            if let from, let until, CommandValidation.isDate(from), CommandValidation.isDate(until), until < from {
                bad.append(("until", "must not be before from"))
            }
            if let status, !Query.meetingStatuses.contains(status) {
                bad.append(("status", "must be one of \(Query.meetingStatuses.joined(separator: ", "))"))
            }
            moment(at)
        case let .meetingGet(meetingId, at):
            id(meetingId, "meetingId")
            moment(at)
        }
        if !bad.isEmpty {
            throw DomainError(.invalidParams, bad.map { "\($0.0) \($0.1)" }.joined(separator: "; "), fields: bad.map(\.0))
        }
    }
}
