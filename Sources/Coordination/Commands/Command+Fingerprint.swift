import Events

extension Command {
    /// The SHA-256 of the command's canonical form with the client's `expectedVersion`:
    /// what tells a retry of a `requestId` (same fingerprint) from a reuse of it for another
    /// command. The store keeps it only salted (``Events/RequestDigest``).
    ///
    /// Everything the client chose counts; what the server chose afresh for this attempt
    /// does not (the token of `principal.register`), or no retry would ever match.
    package func fingerprint(expectedVersion: Int64?) -> [UInt8] {
        let (name, members) = canonicalMembers
        let form: JSONValue = .object([
            ("command", .string(name)),
            ("expectedVersion", expectedVersion.map(JSONValue.int) ?? .null),
            ("params", .object(members)),
        ])
        return SHA256.hash(form.canonicalBytes)
    }

    /// The command's name and parameters, as JSON members.
    var canonicalMembers: (String, [(String, JSONValue)]) {
        func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func texts(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        switch self {
        case let .defineArea(code, name, kind, parent):
            return ("defineArea", [("code", string(code)), ("name", string(name)), ("kind", string(kind)), ("parent", string(parent))])
        case let .registerDepartment(departmentId, name, external):
            return ("registerDepartment", [("departmentId", string(departmentId)), ("name", string(name)), ("external", .bool(external))])
        case let .registerPrincipal(principalId, name, role, stadsdelen, departments, _):
            return (
                "registerPrincipal",
                [
                    ("principalId", string(principalId)), ("name", string(name)), ("role", string(role.rawValue)),
                    ("stadsdelen", texts(stadsdelen)), ("departments", texts(departments)),
                ]
            )
        case let .revokePrincipal(principalId):
            return ("revokePrincipal", [("principalId", string(principalId))])
        case let .establishTable(tableId, name, stadsdeel, members):
            return (
                "establishTable",
                [("tableId", string(tableId)), ("name", string(name)), ("stadsdeel", string(stadsdeel)), ("members", texts(members))]
            )
        case let .addTableMember(tableId, departmentId):
            return ("addTableMember", [("tableId", string(tableId)), ("departmentId", string(departmentId))])
        case let .removeTableMember(tableId, departmentId):
            return ("removeTableMember", [("tableId", string(tableId)), ("departmentId", string(departmentId))])
        case let .raiseDossier(dossierId, tableId, title, summary, area, deadline):
            return (
                "raiseDossier",
                [
                    ("dossierId", string(dossierId)), ("tableId", string(tableId)), ("title", string(title)),
                    ("summary", string(summary)), ("area", string(area)), ("deadline", string(deadline)),
                ]
            )
        case let .assignDepartment(dossierId, departmentId, role):
            return ("assignDepartment", [("dossierId", string(dossierId)), ("departmentId", string(departmentId)), ("role", string(role))])
        case let .unassignDepartment(dossierId, departmentId):
            return ("unassignDepartment", [("dossierId", string(dossierId)), ("departmentId", string(departmentId))])
        case let .updateStatus(dossierId, departmentId, status, note):
            return (
                "updateStatus",
                [("dossierId", string(dossierId)), ("departmentId", string(departmentId)), ("status", string(status)), ("note", string(note))]
            )
        case let .setDeadline(dossierId, deadline):
            return ("setDeadline", [("dossierId", string(dossierId)), ("deadline", string(deadline))])
        case let .escalate(dossierId, to, reason):
            return ("escalate", [("dossierId", string(dossierId)), ("to", string(to)), ("reason", string(reason))])
        case let .resolveEscalation(dossierId, outcome):
            return ("resolveEscalation", [("dossierId", string(dossierId)), ("outcome", string(outcome))])
        case let .closeDossier(dossierId, resolution):
            return ("closeDossier", [("dossierId", string(dossierId)), ("resolution", string(resolution))])
        case let .reopenDossier(dossierId, reason):
            return ("reopenDossier", [("dossierId", string(dossierId)), ("reason", string(reason))])
        case let .setConfidentiality(dossierId, confidential, reason):
            return ("setConfidentiality", [("dossierId", string(dossierId)), ("confidential", .bool(confidential)), ("reason", string(reason))])
        case let .scheduleMeeting(meetingId, tableId, date, location):
            return (
                "scheduleMeeting",
                [("meetingId", string(meetingId)), ("tableId", string(tableId)), ("date", string(date)), ("location", string(location))]
            )
        case let .addAgendaItem(meetingId, itemId, dossierId, topic, late):
            var members: [(String, JSONValue)] = [
                ("meetingId", string(meetingId)), ("itemId", string(itemId)), ("dossierId", string(dossierId)), ("topic", string(topic)),
            ]
            // Only when given, so that the fingerprint of an item added before late items existed stays the same.
            if late { members.append(("late", .bool(true))) }
            return ("addAgendaItem", members)
        case let .removeAgendaItem(meetingId, itemId):
            return ("removeAgendaItem", [("meetingId", string(meetingId)), ("itemId", string(itemId))])
        case let .moveAgendaItem(meetingId, itemId, position):
            return ("moveAgendaItem", [("meetingId", string(meetingId)), ("itemId", string(itemId)), ("position", .int(Int64(position)))])
        case let .recordDiscussion(meetingId, itemId, notes):
            return ("recordDiscussion", [("meetingId", string(meetingId)), ("itemId", string(itemId)), ("notes", string(notes))])
        case let .closeMeeting(meetingId):
            return ("closeMeeting", [("meetingId", string(meetingId))])
        case let .recordAttendance(meetingId, departmentId, presence, delegate):
            return (
                "recordAttendance",
                [("meetingId", string(meetingId)), ("departmentId", string(departmentId)), ("presence", string(presence)), ("delegate", string(delegate))]
            )
        case let .rescheduleMeeting(meetingId, date, location, reason):
            return (
                "rescheduleMeeting",
                [("meetingId", string(meetingId)), ("date", string(date)), ("location", string(location)), ("reason", string(reason))]
            )
        case let .cancelMeeting(meetingId, reason):
            return ("cancelMeeting", [("meetingId", string(meetingId)), ("reason", string(reason))])
        case let .finaliseAgenda(meetingId):
            return ("finaliseAgenda", [("meetingId", string(meetingId))])
        case let .approveMinutes(meetingId):
            return ("approveMinutes", [("meetingId", string(meetingId))])
        case let .amendNotes(meetingId, itemId, notes, reason):
            return ("amendNotes", [("meetingId", string(meetingId)), ("itemId", string(itemId)), ("notes", string(notes)), ("reason", string(reason))])
        case let .takeDecision(decisionId, meetingId, text, ownerDepartment, dossierId, due):
            return (
                "takeDecision",
                [
                    ("decisionId", string(decisionId)), ("meetingId", string(meetingId)), ("text", string(text)),
                    ("ownerDepartment", string(ownerDepartment)), ("dossierId", string(dossierId)), ("due", string(due)),
                ]
            )
        case let .completeDecision(decisionId, note):
            return ("completeDecision", [("decisionId", string(decisionId)), ("note", string(note))])
        case let .erasePersonalData(dossierId, ref, fields, reason, requestRef):
            return (
                "erasePersonalData",
                [
                    ("dossierId", string(dossierId)), ("ref", string(ref)), ("fields", fields.map(texts) ?? .null),
                    ("reason", string(reason)), ("requestRef", string(requestRef)),
                ]
            )
        }
    }
}
