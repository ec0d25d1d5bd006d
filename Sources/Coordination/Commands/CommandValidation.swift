import Foundation
import Events
import Projections

/// The parameter checks of every command: id shapes, dates that exist, enum values and
/// the ``TextRule`` of every text. A failure names every bad field (`-32602` with
/// `data.fields`), and runs before any object is looked up.
package enum CommandValidation {
    /// Longest title, name, topic or location, in Unicode scalars.
    package static let maximumShortText = TextRule.maximumShortScalars
    /// Longest summary, note, reason, outcome, resolution or decision text, in Unicode scalars.
    package static let maximumLongText = TextRule.maximumLongScalars

    package static let statuses: Set<String> = ["open", "in_progress", "blocked", "done"]
    package static let assignmentRoles: Set<String> = ["lead", "contributor"]
    package static let escalationTargets: Set<String> = ["stadsdeelwethouder", "college", "directie"]
    package static let areaKinds: Set<String> = ["stadsdeel", "wijk", "buurt"]
    package static let presences: Set<String> = ["present", "absent", "excused"]

    /// `[a-z0-9][a-z0-9._-]{0,63}`.
    package static func isIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 64, isLowerAlphanumeric(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLowerAlphanumeric($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }

    /// `YYYY-MM-DD` naming a day that exists.
    package static func isDate(_ text: String) -> Bool { CivilDate.days(of: text) != nil }

    /// CBS codes (`GM0935`, `WK093501`, `BU09350101`) or municipal stadsdeel codes (`SD-…`).
    package static func isAreaCode(_ text: String) -> Bool {
        func digits(_ prefix: String, _ count: Int) -> Bool {
            text.hasPrefix(prefix) && text.count == prefix.count + count && text.dropFirst(prefix.count).allSatisfy(\.isASCII)
                && text.dropFirst(prefix.count).allSatisfy(\.isNumber)
        }
        if digits("GM", 4) || digits("WK", 6) || digits("BU", 8) { return true }
        guard text.hasPrefix("SD-"), text.count > 3, text.count <= 32 else { return false }
        return text.dropFirst(3).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// The kind a CBS code's prefix names (`GM` gemeente, `WK` wijk, `BU` buurt), or `nil`
    /// for a municipal code (`SD-…`), which any kind may use.
    static func cbsKind(of code: String) -> String? {
        if code.hasPrefix("GM") { return "gemeente" }
        if code.hasPrefix("WK") { return "wijk" }
        if code.hasPrefix("BU") { return "buurt" }
        return nil
    }

    /// Every bad field of `command`, or nothing.
    /// - Throws: ``DomainError`` of kind `invalidParams` listing the fields.
    package static func validate(_ command: Command) throws(DomainError) {
        var bad: [(String, String)] = []
        func id(_ value: String, _ field: String) { if !isIdentifier(value) { bad.append((field, "must match [a-z0-9][a-z0-9._-]{0,63}")) } }
        func optionalId(_ value: String?, _ field: String) { if let value { id(value, field) } }
        func text(_ value: String, _ field: String, _ rule: TextRule = .short) {
            if let problem = rule.problem(in: value) {
                bad.append((field, problem))
            } else if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                bad.append((field, "must not be empty"))
            }
        }
        func optionalText(_ value: String?, _ field: String, _ rule: TextRule = .long) {
            if let value, let problem = rule.problem(in: value) { bad.append((field, problem)) }
        }
        func date(_ value: String?, _ field: String) { if let value, !isDate(value) { bad.append((field, "must be a date YYYY-MM-DD that exists")) } }
        func oneOf(_ value: String, _ allowed: Set<String>, _ field: String) {
            if !allowed.contains(value) { bad.append((field, "must be one of \(allowed.sorted().joined(separator: ", "))")) }
        }
        switch command {
        case let .defineArea(code, name, kind, parent):
            if !isAreaCode(code) { bad.append(("code", "must be a CBS code (GM…, WK…, BU…) or SD-…")) }
            text(name, "name")
            oneOf(kind, areaKinds, "kind")
            if let implied = cbsKind(of: code), implied != kind, areaKinds.contains(kind) {
                bad.append(("code", "is a CBS \(implied) code, not a \(kind)"))
            }
            if let parent, !isAreaCode(parent) { bad.append(("parent", "must be an area code")) }
        case let .registerDepartment(departmentId, name, _):
            id(departmentId, "departmentId")
            text(name, "name")
        case let .registerPrincipal(principalId, name, _, stadsdelen, departments, _):
            id(principalId, "principalId")
            text(name, "name")
            if stadsdelen.contains(where: { !isAreaCode($0) }) { bad.append(("stadsdelen", "must be area codes")) }
            if departments.contains(where: { !isIdentifier($0) }) { bad.append(("departments", "must be department ids")) }
        case let .revokePrincipal(principalId):
            id(principalId, "principalId")
        case let .establishTable(tableId, name, stadsdeel, members):
            id(tableId, "tableId")
            text(name, "name")
            if !isAreaCode(stadsdeel) { bad.append(("stadsdeel", "must be an area code")) }
            if members.contains(where: { !isIdentifier($0) }) { bad.append(("members", "must be department ids")) }
        case let .addTableMember(tableId, departmentId), let .removeTableMember(tableId, departmentId):
            id(tableId, "tableId")
            id(departmentId, "departmentId")
        case let .raiseDossier(dossierId, tableId, title, summary, area, deadline):
            id(dossierId, "dossierId")
            id(tableId, "tableId")
            text(title, "title")
            optionalText(summary, "summary")
            if let area, !isAreaCode(area) { bad.append(("area", "must be an area code")) }
            date(deadline, "deadline")
        case let .assignDepartment(dossierId, departmentId, role):
            id(dossierId, "dossierId")
            id(departmentId, "departmentId")
            oneOf(role, assignmentRoles, "role")
        case let .unassignDepartment(dossierId, departmentId):
            id(dossierId, "dossierId")
            id(departmentId, "departmentId")
        case let .updateStatus(dossierId, departmentId, status, note):
            id(dossierId, "dossierId")
            id(departmentId, "departmentId")
            oneOf(status, statuses, "status")
            optionalText(note, "note")
        case let .setDeadline(dossierId, deadline):
            id(dossierId, "dossierId")
            date(deadline, "deadline")
        case let .escalate(dossierId, to, reason):
            id(dossierId, "dossierId")
            oneOf(to, escalationTargets, "to")
            text(reason, "reason", .long)
        case let .resolveEscalation(dossierId, outcome):
            id(dossierId, "dossierId")
            text(outcome, "outcome", .long)
        case let .closeDossier(dossierId, resolution):
            id(dossierId, "dossierId")
            text(resolution, "resolution", .long)
        case let .reopenDossier(dossierId, reason), let .setConfidentiality(dossierId, _, reason):
            id(dossierId, "dossierId")
            text(reason, "reason", .long)
        case let .scheduleMeeting(meetingId, tableId, date, location):
            id(meetingId, "meetingId")
            id(tableId, "tableId")
            if !isDate(date) { bad.append(("date", "must be a date YYYY-MM-DD that exists")) }
            optionalText(location, "location", .short)
        case let .addAgendaItem(meetingId, itemId, dossierId, topic, _):
            id(meetingId, "meetingId")
            id(itemId, "itemId")
            optionalId(dossierId, "dossierId")
            if let topic { text(topic, "topic") }
            if (dossierId == nil) == (topic == nil) {
                bad.append(("dossierId", "give exactly one of dossierId and topic"))
                bad.append(("topic", "give exactly one of dossierId and topic"))
            }
        case let .removeAgendaItem(meetingId, itemId):
            id(meetingId, "meetingId")
            id(itemId, "itemId")
        case let .closeMeeting(meetingId):
            id(meetingId, "meetingId")
        case let .moveAgendaItem(meetingId, itemId, position):
            id(meetingId, "meetingId")
            id(itemId, "itemId")
            if position < 1 { bad.append(("position", "must be 1 or more")) }
        case let .recordDiscussion(meetingId, itemId, notes):
            id(meetingId, "meetingId")
            id(itemId, "itemId")
            optionalText(notes, "notes")
        case let .recordAttendance(meetingId, departmentId, presence, delegate):
            id(meetingId, "meetingId")
            id(departmentId, "departmentId")
            oneOf(presence, presences, "presence")
            if let delegate { text(delegate, "delegate") }
        case let .rescheduleMeeting(meetingId, date, location, reason):
            id(meetingId, "meetingId")
            if !isDate(date) { bad.append(("date", "must be a date YYYY-MM-DD that exists")) }
            optionalText(location, "location", .short)
            text(reason, "reason", .long)
        case let .cancelMeeting(meetingId, reason):
            id(meetingId, "meetingId")
            text(reason, "reason", .long)
        case let .finaliseAgenda(meetingId), let .approveMinutes(meetingId):
            id(meetingId, "meetingId")
        case let .amendNotes(meetingId, itemId, notes, reason):
            id(meetingId, "meetingId")
            id(itemId, "itemId")
            text(notes, "notes", .long)
            text(reason, "reason", .long)
        case let .takeDecision(decisionId, meetingId, decisionText, ownerDepartment, dossierId, due):
            id(decisionId, "decisionId")
            id(meetingId, "meetingId")
            text(decisionText, "text", .long)
            id(ownerDepartment, "ownerDepartment")
            optionalId(dossierId, "dossierId")
            date(due, "due")
        case let .completeDecision(decisionId, note):
            id(decisionId, "decisionId")
            optionalText(note, "note")
        case let .erasePersonalData(dossierId, ref, fields, reason, requestRef):
            optionalId(dossierId, "dossierId")
            if let ref { text(ref, "ref") }
            if (dossierId == nil) == (ref == nil) {
                bad.append(("dossierId", "give exactly one of dossierId and ref"))
                bad.append(("ref", "give exactly one of dossierId and ref"))
            }
            if let fields {
                if fields.isEmpty { bad.append(("fields", "must name at least one field (leave it out for every free text)")) }
                if fields.contains(where: { !FreeTextFields.names.contains($0) }) {
                    bad.append(("fields", "must be free-text fields: \(FreeTextFields.names.sorted().joined(separator: ", "))"))
                }
            }
            text(reason, "reason", .long)
            if let requestRef { text(requestRef, "requestRef") }
        }
        if !bad.isEmpty {
            throw DomainError(
                .invalidParams, bad.map { "\($0.0) \($0.1)" }.joined(separator: "; "), fields: bad.map(\.0))
        }
    }
}
