import Coordination
import Projections
import Testing

/// Contract v2's text rule on every text param of every command: no control characters
/// (tab and newline only in long text), no non-characters, and limits counted in Unicode
/// scalars, never in grapheme clusters.
@Suite struct TextValidationTests {
    enum Kind: String { case short, long }

    struct Field: CustomTestStringConvertible, Sendable {
        let method: String
        let name: String
        let kind: Kind
        let command: @Sendable (String) -> Command
        var testDescription: String { "\(method) \(name)" }
    }

    /// Every text param of every command, each in an otherwise valid command.
    static let fields: [Field] = [
        Field(method: "area.define", name: "name", kind: .short) { .defineArea(code: "SD-noord", name: $0, kind: "stadsdeel", parent: nil) },
        Field(method: "department.register", name: "name", kind: .short) { .registerDepartment(departmentId: "wonen", name: $0, external: false) },
        Field(method: "principal.register", name: "name", kind: .short) {
            .registerPrincipal(principalId: "p1", name: $0, role: .auditor, stadsdelen: [], departments: [], tokenHash: "h")
        },
        Field(method: "table.establish", name: "name", kind: .short) { .establishTable(tableId: "t1", name: $0, stadsdeel: "SD-noord", members: []) },
        Field(method: "dossier.raise", name: "title", kind: .short) {
            .raiseDossier(dossierId: "d1", tableId: "t1", title: $0, summary: nil, area: nil, deadline: nil)
        },
        Field(method: "dossier.raise", name: "summary", kind: .long) {
            .raiseDossier(dossierId: "d1", tableId: "t1", title: "Titel", summary: $0, area: nil, deadline: nil)
        },
        Field(method: "dossier.updateStatus", name: "note", kind: .long) {
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "open", note: $0)
        },
        Field(method: "dossier.escalate", name: "reason", kind: .long) { .escalate(dossierId: "d1", to: "college", reason: $0) },
        Field(method: "dossier.resolveEscalation", name: "outcome", kind: .long) { .resolveEscalation(dossierId: "d1", outcome: $0) },
        Field(method: "dossier.close", name: "resolution", kind: .long) { .closeDossier(dossierId: "d1", resolution: $0) },
        Field(method: "dossier.reopen", name: "reason", kind: .long) { .reopenDossier(dossierId: "d1", reason: $0) },
        Field(method: "dossier.setConfidentiality", name: "reason", kind: .long) { .setConfidentiality(dossierId: "d1", confidential: true, reason: $0) },
        Field(method: "meeting.schedule", name: "location", kind: .short) {
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: $0)
        },
        Field(method: "agenda.addItem", name: "topic", kind: .short) { .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: nil, topic: $0) },
        Field(method: "meeting.recordDiscussion", name: "notes", kind: .long) { .recordDiscussion(meetingId: "m1", itemId: "i1", notes: $0) },
        Field(method: "meeting.recordAttendance", name: "delegate", kind: .short) {
            .recordAttendance(meetingId: "m1", departmentId: "wonen", presence: "present", delegate: $0)
        },
        Field(method: "meeting.reschedule", name: "location", kind: .short) {
            .rescheduleMeeting(meetingId: "m1", date: "2026-12-10", location: $0, reason: "Zaal bezet")
        },
        Field(method: "meeting.reschedule", name: "reason", kind: .long) {
            .rescheduleMeeting(meetingId: "m1", date: "2026-12-10", location: nil, reason: $0)
        },
        Field(method: "meeting.cancel", name: "reason", kind: .long) { .cancelMeeting(meetingId: "m1", reason: $0) },
        Field(method: "meeting.amendNotes", name: "notes", kind: .long) { .amendNotes(meetingId: "m1", itemId: "i1", notes: $0, reason: "Correctie") },
        Field(method: "meeting.amendNotes", name: "reason", kind: .long) { .amendNotes(meetingId: "m1", itemId: "i1", notes: "Notities", reason: $0) },
        Field(method: "decision.take", name: "text", kind: .long) {
            .takeDecision(decisionId: "b1", meetingId: "m1", text: $0, ownerDepartment: "wonen", dossierId: nil, due: nil)
        },
        Field(method: "decision.complete", name: "note", kind: .long) { .completeDecision(decisionId: "b1", note: $0) },
    ]

    /// The fields `validate` names for `command`, or none.
    static func badFields(_ command: Command) -> [String] {
        do throws(DomainError) {
            try CommandValidation.validate(command)
            return []
        } catch {
            return error.kind == .invalidParams ? error.fields : ["<\(error.kind.rawValue)>"]
        }
    }

    /// The one-scalar string of `value` (Swift literals cannot spell non-characters).
    static func scalar(_ value: UInt32) -> String { Unicode.Scalar(value).map { String(Character($0)) } ?? "" }

    static func repeated(_ piece: String, _ count: Int) -> String { String(repeating: piece, count: count) }

    @Test(arguments: fields)
    func controlCharactersAndNonCharactersAreRefusedNamingTheField(field: Field) {
        for bad in ["a\u{0}b", "\u{0}", "a\u{1}", "a\u{1B}[31m", "a\u{1F}", "a\u{7F}", "a\r"] + [0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFF, 0x10FFFF].map({ "a" + Self.scalar($0) }) {
            #expect(Self.badFields(field.command(bad)) == [field.name], "\(field.method) \(field.name) took \(bad.unicodeScalars.map { $0.value })")
        }
        for layout in ["eerste regel\ntweede regel", "kolom\tkolom"] {
            let expected = field.kind == .long ? [] : [field.name]
            #expect(Self.badFields(field.command(layout)) == expected, "\(field.method) \(field.name) with tab or newline")
        }
        for fine in ["Overlast Frontenpark", "Café ’t Pleintje — 3e verdieping", "😀 overleg", "Straße \u{FEFF}"] {
            #expect(Self.badFields(field.command(fine)).isEmpty, "\(field.method) \(field.name) refused \(fine)")
        }
    }

    @Test(arguments: fields)
    func limitsCountUnicodeScalarsNotGraphemeClusters(field: Field) {
        let limit = field.kind == .long ? 4000 : 200
        #expect(Self.badFields(field.command(Self.repeated("a", limit))).isEmpty)
        #expect(Self.badFields(field.command(Self.repeated("😀", limit))).isEmpty, "4-byte scalars up to the limit")
        #expect(Self.badFields(field.command(Self.repeated("a", limit + 1))) == [field.name])
        let oneCharacter = "e" + Self.repeated("\u{301}", 150_000)
        #expect(oneCharacter.count == 1 && oneCharacter.utf8.count > 300_000)
        #expect(Self.badFields(field.command(oneCharacter)) == [field.name], "one grapheme cluster of 300 KB")
        let decomposed = Self.repeated("e\u{301}", limit / 2 + 1)
        #expect(Self.badFields(field.command(decomposed)) == [field.name], "\(limit / 2 + 1) characters that are \(limit + 2) scalars")
    }

    @Test func theScalarLimitsAlsoCapTheBytes() {
        let longest = Self.repeated("\u{10FFFD}", 4000)
        #expect(Self.badFields(.closeDossier(dossierId: "d1", resolution: longest)).isEmpty)
        #expect(longest.utf8.count == 16_000)
        #expect(Self.badFields(.closeDossier(dossierId: "d1", resolution: longest + "a")) == ["resolution"])
        #expect(Self.badFields(.defineArea(code: "SD-noord", name: Self.repeated("\u{10FFFD}", 201), kind: "stadsdeel", parent: nil)) == ["name"])
    }

    @Test func queryKeysWithControlCharactersOrOver128BytesAreRefused() {
        func badFields(_ query: Query) -> [String] {
            do throws(DomainError) {
                try QueryValidation.validate(query)
                return []
            } catch {
                return error.fields
            }
        }
        let long = Self.repeated("k", 129)
        #expect(badFields(.dossierList(DossierFilter(), today: nil, limit: 10, cursor: "d1\u{0}")) == ["cursor"])
        #expect(badFields(.dossierList(DossierFilter(), today: nil, limit: 10, cursor: long)) == ["cursor"])
        #expect(badFields(.dossierList(DossierFilter(), today: nil, limit: 10, cursor: "d1")).isEmpty)
        for selection in [AuditSelection.stream("dossier-d1\n"), .stream("dossier-" + long), .actor("admin\u{7F}"), .actor(long)] {
            #expect(badFields(.auditTrail(selection, from: nil, until: nil, limit: 10, cursor: nil)).count == 1, "\(selection)")
        }
        #expect(badFields(.auditTrail(.actor("admin"), from: nil, until: nil, limit: 10, cursor: nil)).isEmpty)
        #expect(badFields(.agenda(tableId: "t1", meetingId: nil, moment: .live, today: "2026-12-01\u{0}")) == ["today"])
    }

    @Test func idsWithControlCharactersAreRefused() {
        #expect(Self.badFields(.setDeadline(dossierId: "d1\u{0}", deadline: "2026-12-01")) == ["dossierId"])
        #expect(Self.badFields(.addTableMember(tableId: "t1", departmentId: "wonen\n")) == ["departmentId"])
        #expect(Self.badFields(.registerPrincipal(principalId: "p1", name: "P", role: .auditor, stadsdelen: ["SD-noord\u{0}"], departments: ["a\u{7F}"], tokenHash: "h"))
            == ["stadsdelen", "departments"])
    }
}
