import Events
import Projections

extension Decider {
    /// Whether `principal` may run `command` at all: role and scope, after looking up the
    /// objects that decide the scope (`not_found` when one is missing).
    ///
    /// Kept apart from the rules because a repeated `requestId` is answered without deciding
    /// again (the dossier it raised now exists, and deciding would refuse it), yet only after
    /// this check: whoever may not run a command learns nothing from an id, whatever it was
    /// used for. ``decide(_:by:on:expectedVersion:sealer:)`` runs the same check, so the two never
    /// disagree.
    package static func authorize(_ command: Command, by principal: ActingPrincipal, on model: CoordinationModel) throws(DomainError) {
        let context = Context(model: model, principal: principal, stream: command.stream, version: 0, expected: nil, seals: TextSeals(TextSealer(seed: [])))
        try context.authorize(command)
    }
}

extension Decider.Context {
    /// Role and scope for `command` (see ``Decider/authorize(_:by:on:)``).
    func authorize(_ command: Command) throws(DomainError) {
        switch command {
        case .defineArea: try Authorization.admin(principal, "define areas")
        case .registerDepartment: try Authorization.admin(principal, "register departments")
        case .registerPrincipal: try Authorization.admin(principal, "register principals")
        case .revokePrincipal: try Authorization.admin(principal, "revoke principals")
        case let .establishTable(_, _, stadsdeel, _):
            guard model.areas[stadsdeel]?.kind == "stadsdeel" else { throw .notFound("no stadsdeel \(stadsdeel)") }
            try Authorization.regisseur(principal, of: stadsdeel, "establish tables")
        case let .addTableMember(tableId, _), let .removeTableMember(tableId, _):
            try Authorization.regisseur(principal, of: try table(tableId).stadsdeel, "change table members")
        case let .raiseDossier(_, tableId, _, _, _, _):
            try Authorization.regisseurOrMember(principal, table: view(try table(tableId)), "raise dossiers")
        case let .assignDepartment(dossierId, _, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofDossier: dossierId), "assign departments")
        case let .unassignDepartment(dossierId, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofDossier: dossierId), "unassign departments")
        case let .updateStatus(dossierId, departmentId, _, _):
            let dossier = try dossier(dossierId)
            let table = try table(dossier.tableId)
            try Authorization.departmentOrRegisseur(
                principal, stadsdeel: table.stadsdeel, departmentIds: Set(table.members).union([departmentId]),
                assigned: Set(dossier.departments.map(\.departmentId)), "update statuses")
        case let .setDeadline(dossierId, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofDossier: dossierId), "set deadlines")
        case let .escalate(dossierId, _, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofDossier: dossierId), "escalate dossiers")
        case let .resolveEscalation(dossierId, _):
            let stadsdeel = try stadsdeel(ofDossier: dossierId)
            if principal.role == .wethouder {
                guard principal.stadsdelen.contains(stadsdeel) else {
                    throw .forbidden("\(principal.principalId) is not wethouder of \(stadsdeel)")
                }
            } else {
                try Authorization.regisseur(principal, of: stadsdeel, "resolve escalations")
            }
        case let .closeDossier(dossierId, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofDossier: dossierId), "close dossiers")
        case let .reopenDossier(dossierId, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofDossier: dossierId), "reopen dossiers")
        case let .setConfidentiality(dossierId, _, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofDossier: dossierId), "mark dossiers confidential")
        case let .scheduleMeeting(_, tableId, _, _):
            try Authorization.regisseur(principal, of: try table(tableId).stadsdeel, "schedule meetings")
        case let .takeDecision(_, meetingId, _, _, _, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofMeeting: meetingId), "record decisions")
        case let .completeDecision(decisionId, _):
            guard let decision = model.decisions[decisionId] else { throw .notFound("no decision \(decisionId)") }
            let stadsdeel = try stadsdeel(ofMeeting: decision.meetingId)
            if principal.role == .department || principal.role == .partner {
                guard principal.departments.contains(decision.ownerDepartment) else {
                    // The owner is not named: the caller may not be allowed to read the decision.
                    throw .forbidden("only the owner department or the regisseur may complete decision \(decisionId)")
                }
            } else {
                try Authorization.regisseur(principal, of: stadsdeel, "complete decisions")
            }
        case let .addAgendaItem(meetingId, _, _, _, _), let .removeAgendaItem(meetingId, _), let .moveAgendaItem(meetingId, _, _),
            let .finaliseAgenda(meetingId):
            try Authorization.regisseur(principal, of: try stadsdeel(ofMeeting: meetingId), "change agendas")
        case let .recordAttendance(meetingId, _, _, _), let .approveMinutes(meetingId), let .amendNotes(meetingId, _, _, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofMeeting: meetingId), "keep the minutes")
        case let .rescheduleMeeting(meetingId, _, _, _), let .cancelMeeting(meetingId, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofMeeting: meetingId), "reschedule or cancel meetings")
        case let .recordDiscussion(meetingId, _, _):
            try Authorization.regisseur(principal, of: try stadsdeel(ofMeeting: meetingId), "record discussions")
        case let .closeMeeting(meetingId):
            try Authorization.regisseur(principal, of: try stadsdeel(ofMeeting: meetingId), "close meetings")
        case let .erasePersonalData(dossierId, ref, _, _, _):
            if let dossierId { _ = try dossier(dossierId) }
            if let ref, model.freeTexts[ref] == nil { throw .notFound("no text \(ref)") }
            guard principal.role == .privacy || principal.role == .admin else {
                throw .forbidden("only the privacy officer or an admin may erase personal data")
            }
        }
    }

    func stadsdeel(ofDossier dossierId: String) throws(DomainError) -> String {
        try table(try dossier(dossierId).tableId).stadsdeel
    }

    func stadsdeel(ofMeeting meetingId: String) throws(DomainError) -> String {
        try table(try meeting(meetingId).tableId).stadsdeel
    }
}
