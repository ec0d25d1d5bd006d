import Events

/// The rows of ``OrderOfChecksTests``: per method, a request that passes every check, and
/// for each stage of the order of checks the change that makes that stage fail. The world
/// the rows refer to is ``OrderOfChecksWorld``.
enum OrderOfChecksTable {
    /// One stage of the order of checks (Protocol.md), in that order.
    enum Fault: Int, CaseIterable, Comparable, Sendable {
        case framing, noToken, unknownParam, invalidValue, unknownObject, forbidden, staleVersion, brokenRule

        static func < (a: Fault, b: Fault) -> Bool { a.rawValue < b.rawValue }

        var code: Int64 {
            switch self {
            case .framing: return -32600
            case .noToken: return -32001
            case .unknownParam, .invalidValue: return -32602
            case .unknownObject: return -32004
            case .forbidden: return -32003
            case .staleVersion: return -32009
            case .brokenRule: return -32010
            }
        }
    }

    /// Who sends a request; each has a token in the world.
    enum Who: Sendable {
        case admin, auditor, regisseur, otherRegisseur, otherDepartment, privacy
    }

    struct Row: Sendable {
        var method: String
        /// Who may make the request.
        var by: Who
        /// Params with which the request passes every check.
        var params: [String: JSONValue]
        /// Params that fail the value checks (ids, dates, text, `requestId`), not their JSON shape.
        var invalid: [String: JSONValue]?
        /// Params that name an object that does not exist.
        var unknown: [String: JSONValue]?
        /// Someone who may not make the request.
        var forbidden: Who?
        /// Params that break a business rule.
        var rule: [String: JSONValue]?
        /// Whether the method is a command: it takes `expectedVersion`.
        var isCommand = true

        /// The stages this row can make fail.
        var faults: [Fault] {
            Fault.allCases.filter { fault in
                switch fault {
                case .framing, .noToken, .unknownParam: return true
                case .invalidValue: return invalid != nil
                case .unknownObject: return unknown != nil
                case .forbidden: return forbidden != nil
                case .staleVersion: return isCommand
                case .brokenRule: return rule != nil
                }
            }
        }

        /// The request's params with the faults applied. Where two faults change one field,
        /// the earlier stage's change is kept, so the expected answer still holds.
        func params(with faults: Set<Fault>) -> JSONValue {
            var params = self.params
            if faults.contains(.brokenRule), let rule { params.merge(rule) { $1 } }
            if faults.contains(.staleVersion) { params["expectedVersion"] = 999 }
            if faults.contains(.unknownObject), let unknown { params.merge(unknown) { $1 } }
            if faults.contains(.invalidValue), let invalid { params.merge(invalid) { $1 } }
            if faults.contains(.unknownParam) { params["colour"] = "blue" }
            return .object(params.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    static let longRequestId: [String: JSONValue] = ["requestId": .string(String(repeating: "r", count: 129))]
    static let badDate: JSONValue = "2026-02-30"
    static let blank: JSONValue = " "

    static func command(
        _ method: String, by: Who = .regisseur, _ params: [String: JSONValue], invalid: [String: JSONValue] = longRequestId,
        unknown: [String: JSONValue]?, forbidden: Who = .otherRegisseur, rule: [String: JSONValue]?
    ) -> Row {
        Row(method: method, by: by, params: params, invalid: invalid, unknown: unknown, forbidden: forbidden, rule: rule)
    }

    static func query(
        _ method: String, by: Who = .regisseur, _ params: [String: JSONValue], invalid: [String: JSONValue]?,
        unknown: [String: JSONValue]?, forbidden: Who? = .otherRegisseur
    ) -> Row {
        Row(method: method, by: by, params: params, invalid: invalid, unknown: unknown, forbidden: forbidden, rule: nil, isCommand: false)
    }

    /// Every command and every query of the catalogue (a method may have several rows).
    static let rows: [Row] = [
        command("area.define", by: .admin, ["code": "SD-centrum", "name": "Centrum", "kind": "stadsdeel"], invalid: ["name": blank],
            unknown: ["parent": "WK099999"], forbidden: .regisseur, rule: ["code": "SD-noord"]),
        command("department.register", by: .admin, ["departmentId": "economie", "name": "Economie"], invalid: ["name": blank],
            unknown: nil, forbidden: .regisseur, rule: ["departmentId": "wonen"]),
        command("principal.register", by: .admin, ["principalId": "p9", "name": "P9", "role": "auditor"], invalid: ["name": blank],
            unknown: ["departments": ["nope"]], forbidden: .regisseur, rule: nil),
        command("principal.revoke", by: .admin, ["principalId": "auditor"],
            unknown: ["principalId": "nobody"], forbidden: .regisseur, rule: ["principalId": "gone"]),
        command("table.establish", ["tableId": "t9", "name": "T9", "stadsdeel": "SD-noord"], invalid: ["name": blank],
            unknown: ["members": ["nope"]], rule: ["tableId": "t1"]),
        command("table.addMember", ["tableId": "t1", "departmentId": "verkeer"],
            unknown: ["tableId": "t-nope"], rule: ["departmentId": "wonen"]),
        command("table.removeMember", ["tableId": "t1", "departmentId": "openbare-ruimte"],
            unknown: ["tableId": "t-nope"], rule: ["departmentId": "verkeer"]),
        command("dossier.raise", ["dossierId": "d9", "tableId": "t1", "title": "Nieuw"], invalid: ["deadline": badDate],
            unknown: ["area": "WK099999"], rule: ["dossierId": "d1"]),
        command("dossier.assign", ["dossierId": "d1", "departmentId": "openbare-ruimte"],
            unknown: ["dossierId": "d-nope"], rule: ["departmentId": "verkeer"]),
        command("dossier.unassign", ["dossierId": "d1", "departmentId": "wonen"],
            unknown: ["dossierId": "d-nope"], rule: ["departmentId": "openbare-ruimte"]),
        command("dossier.updateStatus", ["dossierId": "d1", "departmentId": "wonen", "status": "done"],
            unknown: ["dossierId": "d-nope"], rule: ["departmentId": "openbare-ruimte"]),
        command("dossier.setDeadline", ["dossierId": "d1", "deadline": "2027-01-01"], invalid: ["deadline": badDate],
            unknown: ["dossierId": "d-nope"], rule: ["dossierId": "d2"]),
        command("dossier.escalate", ["dossierId": "d1", "to": "college", "reason": "Budget"], invalid: ["reason": blank],
            unknown: ["dossierId": "d-nope"], rule: ["dossierId": "d3"]),
        command("dossier.resolveEscalation", ["dossierId": "d3", "outcome": "Geld"], invalid: ["outcome": blank],
            unknown: ["dossierId": "d-nope"], rule: ["dossierId": "d1"]),
        command("dossier.close", ["dossierId": "d1", "resolution": "Klaar"], invalid: ["resolution": blank],
            unknown: ["dossierId": "d-nope"], rule: ["dossierId": "d2"]),
        command("dossier.reopen", ["dossierId": "d2", "reason": "Terug"], invalid: ["reason": blank],
            unknown: ["dossierId": "d-nope"], rule: ["dossierId": "d1"]),
        // No business rule refuses it: a closed dossier too may be marked.
        command("dossier.setConfidentiality", ["dossierId": "d2", "confidential": true, "reason": "Zorgsignaal"], invalid: ["reason": blank],
            unknown: ["dossierId": "d-nope"], rule: nil),
        command("meeting.schedule", ["meetingId": "m9", "tableId": "t1", "date": "2027-01-10"], invalid: ["date": badDate],
            unknown: ["tableId": "t-nope"], rule: ["meetingId": "m1"]),
        command("agenda.addItem", ["meetingId": "m1", "itemId": "i9", "topic": "Rondvraag"], invalid: ["dossierId": "d1"],
            unknown: ["meetingId": "m-nope"], rule: ["itemId": "i1"]),
        command("agenda.removeItem", ["meetingId": "m1", "itemId": "i1"],
            unknown: ["itemId": "i-nope"], rule: ["meetingId": "m0", "itemId": "i0"]),
        command("agenda.moveItem", ["meetingId": "m1", "itemId": "i1", "position": 1],
            unknown: ["itemId": "i-nope"], rule: ["position": 5]),
        command("agenda.moveItem", ["meetingId": "m1", "itemId": "i1", "position": 1],
            unknown: ["meetingId": "m-nope"], rule: ["meetingId": "m0", "itemId": "i0"]),
        command("meeting.recordDiscussion", ["meetingId": "m1", "itemId": "i1", "notes": "Besproken"],
            unknown: ["itemId": "i-nope"], rule: ["meetingId": "m0", "itemId": "i0"]),
        command("meeting.close", ["meetingId": "m1"],
            unknown: ["meetingId": "m-nope"], rule: ["meetingId": "m0"]),
        // After agenda.finalise (m2 is final) an item needs `late: true`.
        command("agenda.addItem", ["meetingId": "m2", "itemId": "i9", "topic": "Laat", "late": true], invalid: ["dossierId": "d1"],
            unknown: ["meetingId": "m-nope"], rule: ["late": false]),
        command("meeting.recordAttendance", ["meetingId": "m1", "departmentId": "wonen", "presence": "present", "delegate": "J. Jansen"],
            invalid: ["presence": "bijna"], unknown: ["departmentId": "nope"], rule: ["departmentId": "verkeer"]),
        command("meeting.reschedule", ["meetingId": "m1", "date": "2027-01-10", "reason": "Zaal bezet"], invalid: ["date": badDate],
            unknown: ["meetingId": "m-nope"], rule: ["meetingId": "m0"]),
        command("meeting.cancel", ["meetingId": "m1", "reason": "Geen quorum"], invalid: ["reason": blank],
            unknown: ["meetingId": "m-nope"], rule: ["meetingId": "m0"]),
        command("agenda.finalise", ["meetingId": "m1"], unknown: ["meetingId": "m-nope"], rule: ["meetingId": "m0"]),
        command("meeting.approveMinutes", ["meetingId": "m0"], unknown: ["meetingId": "m-nope"], rule: ["meetingId": "m1"]),
        // No meeting of the world is cancelled, the only rule that refuses an amendment.
        command("meeting.amendNotes", ["meetingId": "m0", "itemId": "i0", "notes": "Beter", "reason": "Correctie"], invalid: ["notes": blank],
            unknown: ["itemId": "i-nope"], rule: nil),
        command("decision.take", ["decisionId": "b9", "meetingId": "m1", "text": "Schouw", "ownerDepartment": "wonen"],
            invalid: ["due": badDate], unknown: ["ownerDepartment": "nope"], rule: ["decisionId": "b0"]),
        command("decision.complete", ["decisionId": "b1"],
            unknown: ["decisionId": "b-nope"], rule: ["decisionId": "b0"]),
        command("decision.reschedule", ["decisionId": "b1", "due": "2027-02-01", "reason": "Later"], invalid: ["due": badDate],
            unknown: ["decisionId": "b-nope"], rule: ["decisionId": "b0"]),
        command("decision.reassign", ["decisionId": "b1", "ownerDepartment": "openbare-ruimte", "reason": "Andere eigenaar"], invalid: ["reason": blank],
            unknown: ["ownerDepartment": "nope"], rule: ["ownerDepartment": "verkeer"]),
        command("decision.reassign", ["decisionId": "b1", "ownerDepartment": "openbare-ruimte", "reason": "Andere eigenaar"], invalid: ["reason": blank],
            unknown: ["decisionId": "b-nope"], rule: ["decisionId": "b0"]),
        command("decision.withdraw", ["decisionId": "b1", "reason": "Vervallen"], invalid: ["reason": blank],
            unknown: ["decisionId": "b-nope"], rule: ["decisionId": "b0"]),
        command("decision.reportProgress", ["decisionId": "b1", "status": "blocked", "note": "Wacht op budget"], invalid: ["note": "a\u{1}"],
            unknown: ["decisionId": "b-nope"], forbidden: .otherDepartment, rule: ["decisionId": "b0"]),
        command("privacy.erase", by: .privacy, ["dossierId": "d3", "reason": "AVG art. 17", "requestRef": "AVG-1"], invalid: ["reason": blank],
            unknown: ["dossierId": "d-nope"], forbidden: .auditor, rule: nil),
        command("privacy.erase", by: .privacy, ["dossierId": "d3", "reason": "AVG art. 17", "fields": ["reason"]], invalid: ["fields": ["title"]],
            unknown: ["dossierId": "d-nope"], forbidden: .regisseur, rule: nil),

        query("agenda.get", ["tableId": "t1", "today": "2026-11-30"], invalid: ["today": badDate], unknown: ["meetingId": "m-nope"]),
        // A table without a meeting on or after today that is neither closed nor cancelled has no agenda to show.
        query("agenda.get", ["tableId": "t1", "today": "2026-11-30"], invalid: ["today": badDate], unknown: ["tableId": "t3"]),
        query("agenda.get", ["tableId": "t1", "today": "2026-11-30"], invalid: ["today": badDate], unknown: ["today": "2027-06-02"]),
        query("agenda.get", ["tableId": "t1", "today": "2026-11-30", "atPosition": 1_000_000], invalid: ["today": badDate], unknown: ["meetingId": "m-nope"]),
        query("meeting.list", ["tableId": "t1"], invalid: ["from": badDate], unknown: ["tableId": "t-nope"]),
        query("meeting.list", ["tableId": "t1", "status": "closed", "atPosition": 1_000_000], invalid: ["status": "gepland"], unknown: ["tableId": "t-nope"]),
        query("meeting.get", ["meetingId": "m1"], invalid: ["atPosition": -1], unknown: ["meetingId": "m-nope"]),
        query("meeting.get", ["meetingId": "m0", "asOf": "2100-01-01T00:00:00Z"], invalid: ["meetingId": "M0"], unknown: ["meetingId": "m-nope"]),
        query("dossier.get", ["dossierId": "d1"], invalid: ["today": badDate], unknown: ["dossierId": "d-nope"]),
        query("dossier.get", ["dossierId": "d1", "atPosition": 1_000_000], invalid: ["today": badDate], unknown: ["dossierId": "d-nope"]),
        query("dossier.list", ["tableId": "t1"], invalid: ["today": badDate], unknown: ["departmentId": "nope"]),
        query("dossier.list", ["tableId": "t1", "atPosition": 1_000_000], invalid: ["atPosition": -1], unknown: ["tableId": "t-nope"]),
        // A department filter outside the caller's scope lists nothing rather than refusing.
        query("dossier.list", ["departmentId": "wonen", "asOf": "2100-01-01T00:00:00Z"], invalid: ["asOf": "gisteren"], unknown: ["departmentId": "nope"],
            forbidden: nil),
        query("decision.list", ["tableId": "t1"], invalid: ["today": badDate], unknown: ["ownerDepartment": "nope"]),
        query("decision.list", ["meetingId": "m1", "state": "open"], invalid: ["cursor": "not-a-cursor"], unknown: ["meetingId": "m-nope"]),
        query("decision.list", ["dossierId": "d1", "atPosition": 1_000_000], invalid: ["dueBefore": badDate], unknown: ["dossierId": "d-nope"]),
        query("department.overview", ["departmentId": "wonen"], invalid: ["today": badDate], unknown: ["departmentId": "nope"],
            forbidden: .otherDepartment),
        query("department.overview", ["departmentId": "wonen", "atPosition": 1_000_000], invalid: ["atPosition": -1], unknown: ["departmentId": "nope"],
            forbidden: .otherDepartment),
        query("dashboard.stadsdeel", ["stadsdeel": "SD-noord"], invalid: ["today": badDate], unknown: ["stadsdeel": "SD-nergens"]),
        query("dashboard.stadsdeel", ["stadsdeel": "SD-noord", "asOf": "2100-01-01T00:00:00Z"], invalid: ["atPosition": -1], unknown: ["stadsdeel": "SD-nergens"]),
        query("audit.trail", ["dossierId": "d1"], invalid: ["limit": 0], unknown: ["dossierId": "d-nope"]),
        query("audit.trail", ["stream": "table-t1"], invalid: ["limit": 0], unknown: ["stream": "table-nope"]),
        query("audit.trail", ["actor": "reg-noord"], invalid: ["limit": 0], unknown: ["actor": "nobody"]),
        query("audit.verify", by: .auditor, [:], invalid: nil, unknown: nil, forbidden: nil),
        query("events.read", by: .auditor, [:], invalid: ["limit": 0], unknown: nil, forbidden: .regisseur),
        query("privacy.search", by: .privacy, ["term": "Budget"], invalid: ["term": blank], unknown: nil, forbidden: .auditor),
        // Reference data: every role may call these, so none has a forbidden stage.
        query("table.list", ["stadsdeel": "SD-noord"], invalid: ["stadsdeel": "noord"], unknown: ["stadsdeel": "SD-nergens"], forbidden: nil),
        query("table.list", by: .otherDepartment, [:], invalid: ["stadsdeel": "noord"], unknown: ["stadsdeel": "SD-nergens"], forbidden: nil),
        query("department.list", by: .otherDepartment, [:], invalid: nil, unknown: nil, forbidden: nil),
        query("area.list", ["under": "SD-noord"], invalid: ["under": "WK1"], unknown: ["under": "SD-nergens"], forbidden: nil),
        query("principal.me", by: .otherDepartment, [:], invalid: nil, unknown: nil, forbidden: nil),
        query("audit.reads", by: .auditor, ["dossierId": "d1"], invalid: ["limit": 0], unknown: ["dossierId": "d-nope"], forbidden: .admin),
        query("audit.reads", by: .auditor, ["actor": "reg-noord"], invalid: ["until": "2020-01-01T00:00:00Z", "from": "2021-01-01T00:00:00Z"],
            unknown: ["actor": "nobody"], forbidden: .regisseur),
    ]
}
