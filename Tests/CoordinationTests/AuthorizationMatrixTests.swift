import Coordination
import Events
import Projections
import Testing

/// Every command × every role, in and out of scope: allowed (whatever the rules then say)
/// or refused as `forbidden` before any rule runs.
@Suite struct AuthorizationMatrixTests {
    typealias S = Scenario

    enum Who: String, CaseIterable, CustomTestStringConvertible {
        case admin, regisseur, regisseurElsewhere, department, departmentElsewhere, partnerAssigned, partnerNotAssigned
        case wethouder, wethouderElsewhere, auditor, privacy

        var testDescription: String { rawValue }

        var principal: ActingPrincipal {
            switch self {
            case .admin: return S.admin
            case .regisseur: return S.regisseur
            case .regisseurElsewhere: return S.otherRegisseur
            case .department: return S.wonen
            case .departmentElsewhere: return S.verkeer
            case .partnerAssigned: return S.politie
            case .partnerNotAssigned: return ActingPrincipal(principalId: "or-partner", role: .partner, departments: ["openbare-ruimte"])
            case .wethouder: return S.wethouder
            case .wethouderElsewhere: return S.otherWethouder
            case .auditor: return S.auditor
            case .privacy: return ActingPrincipal(principalId: "fg-1", role: .privacy)
            }
        }
    }

    static let regisseurs: Set<Who> = [.admin, .regisseur]

    /// Each command on objects in stadsdeel Noord, with who may run it.
    static let cases: [(String, Command, Set<Who>)] = [
        ("area.define", .defineArea(code: "SD-centrum", name: "Centrum", kind: "stadsdeel", parent: nil), [.admin]),
        ("department.register", .registerDepartment(departmentId: "economie", name: "Economie", external: false), [.admin]),
        ("principal.register", .registerPrincipal(principalId: "p2", name: "P", role: .auditor, stadsdelen: [], departments: [], tokenHash: "h"), [.admin]),
        ("principal.revoke", .revokePrincipal(principalId: "p1"), [.admin]),
        ("table.establish", .establishTable(tableId: "t9", name: "Extra", stadsdeel: S.noord, members: []), regisseurs),
        ("table.addMember", .addTableMember(tableId: "t1", departmentId: "verkeer"), regisseurs),
        ("table.removeMember", .removeTableMember(tableId: "t1", departmentId: "openbare-ruimte"), regisseurs),
        ("dossier.raise", .raiseDossier(dossierId: "d9", tableId: "t1", title: "Nieuw", summary: nil, area: nil, deadline: nil), regisseurs.union([.department])),
        ("dossier.assign", .assignDepartment(dossierId: "d1", departmentId: "openbare-ruimte", role: "contributor"), regisseurs),
        ("dossier.unassign", .unassignDepartment(dossierId: "d1", departmentId: "politie"), regisseurs),
        ("dossier.updateStatus", .updateStatus(dossierId: "d1", departmentId: "wonen", status: "done", note: nil), regisseurs.union([.department, .partnerAssigned])),
        ("dossier.setDeadline", .setDeadline(dossierId: "d1", deadline: "2027-03-01"), regisseurs),
        ("dossier.escalate", .escalate(dossierId: "d1", to: "college", reason: "r"), regisseurs),
        ("dossier.resolveEscalation", .resolveEscalation(dossierId: "d1", outcome: "o"), regisseurs.union([.wethouder])),
        ("dossier.close", .closeDossier(dossierId: "d1", resolution: "r"), regisseurs),
        ("dossier.reopen", .reopenDossier(dossierId: "d1", reason: "r"), regisseurs),
        ("dossier.setConfidentiality", .setConfidentiality(dossierId: "d1", confidential: true, reason: "r"), regisseurs),
        ("meeting.schedule", .scheduleMeeting(meetingId: "m9", tableId: "t1", date: "2027-02-01", location: nil), regisseurs),
        ("agenda.addItem", .addAgendaItem(meetingId: "m1", itemId: "i9", dossierId: nil, topic: "Rondvraag"), regisseurs),
        ("agenda.removeItem", .removeAgendaItem(meetingId: "m1", itemId: "i0"), regisseurs),
        ("agenda.moveItem", .moveAgendaItem(meetingId: "m1", itemId: "i0", position: 1), regisseurs),
        ("meeting.recordDiscussion", .recordDiscussion(meetingId: "m1", itemId: "i0", notes: nil), regisseurs),
        ("meeting.close", .closeMeeting(meetingId: "m1"), regisseurs),
        ("meeting.recordAttendance", .recordAttendance(meetingId: "m1", departmentId: "wonen", presence: "present", delegate: "J. Jansen"), regisseurs),
        ("meeting.reschedule", .rescheduleMeeting(meetingId: "m1", date: "2027-02-02", location: nil, reason: "Zaal bezet"), regisseurs),
        ("meeting.cancel", .cancelMeeting(meetingId: "m1", reason: "Geen quorum"), regisseurs),
        ("agenda.finalise", .finaliseAgenda(meetingId: "m1"), regisseurs),
        ("meeting.approveMinutes", .approveMinutes(meetingId: "m1"), regisseurs),
        ("meeting.amendNotes", .amendNotes(meetingId: "m1", itemId: "i0", notes: "Beter", reason: "Correctie"), regisseurs),
        ("agenda.addItem late", .addAgendaItem(meetingId: "m1", itemId: "i8", dossierId: nil, topic: "Laat", late: true), regisseurs),
        ("decision.take", .takeDecision(decisionId: "b9", meetingId: "m1", text: "Besluit", ownerDepartment: "wonen", dossierId: "d1", due: nil), regisseurs),
        ("decision.complete", .completeDecision(decisionId: "b0", note: nil), regisseurs.union([.department])),
        ("privacy.erase", .erasePersonalData(dossierId: "d1", ref: nil, fields: nil, reason: "AVG", requestRef: nil), [.admin, .privacy]),
    ]

    @Test(arguments: Who.allCases)
    func everyCommandIsAllowedOrForbiddenByRoleAndScope(who: Who) {
        var base = S.standard()
        base.given(
            PrincipalRegistered(principalId: "p1", name: "P1", role: "auditor", stadsdelen: [], departments: [], tokenHash: "x"),
            AgendaItemAdded(meetingId: "m1", itemId: "i0", topic: "Opening"),
            DecisionTaken(decisionId: "b0", meetingId: "m1", text: FreeText(inline: "Schouw"), ownerDepartment: "wonen", dossierId: "d1"),
            DossierEscalated(dossierId: "d1", to: "stadsdeelwethouder", reason: FreeText(inline: "Budget")))
        for (method, command, allowed) in Self.cases {
            var scenario = base
            let result = scenario.when(command, by: who.principal)
            if allowed.contains(who) {
                #expect(result.kind != .forbidden, "\(method) by \(who.rawValue) must be allowed: \(result)")
            } else {
                #expect(result.kind == .forbidden, "\(method) by \(who.rawValue) must be forbidden: \(result)")
            }
        }
    }
}
