import Events
import Projections

extension Decider.Context {
    /// Dossiers: raising, assignments, statuses, deadlines, escalations, closing.
    func decideDossier(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        if case let .raiseDossier(dossierId, tableId, title, summary, area, deadline) = command {
            let table = try table(tableId)
            if let area, model.areas[area] == nil { throw .notFound("no area \(area)") }
            try authorize(command)
            try checkVersion()
            if model.dossiers[dossierId] != nil { throw .rule(Rule.alreadyExists, "dossier \(dossierId) already exists") }
            if let area, !self.area(area, liesIn: table.stadsdeel) {
                throw .rule(Rule.areaOutsideStadsdeel, "area \(area) does not lie in \(table.stadsdeel)")
            }
            return [
                DossierRaised(
                    dossierId: dossierId, tableId: tableId, title: title, summary: seals.seal(summary), area: area, deadline: deadline)
            ]
        }
        let dossierId: String
        switch command {
        case let .assignDepartment(id, _, _), let .unassignDepartment(id, _), let .updateStatus(id, _, _, _),
            let .setDeadline(id, _), let .escalate(id, _, _), let .resolveEscalation(id, _), let .closeDossier(id, _),
            let .reopenDossier(id, _), let .setConfidentiality(id, _, _):
            dossierId = id
        default: preconditionFailure("not a dossier command")
        }
        let dossier = try dossier(dossierId)
        let table = try table(dossier.tableId)
        let assigned = Set(dossier.departments.map(\.departmentId))
        func notClosed() throws(DomainError) {
            if dossier.closed { throw .rule(Rule.dossierClosed, "dossier \(dossierId) is closed; reopen it first") }
        }

        switch command {
        case let .assignDepartment(_, departmentId, role):
            try department(departmentId)
            try authorize(command)
            try checkVersion()
            try notClosed()
            if !table.members.contains(departmentId) {
                throw .rule(Rule.assigneeNotMember, "\(departmentId) does not sit at table \(table.tableId)")
            }
            if role == "lead", let lead = dossier.departments.first(where: { $0.role == "lead" && $0.departmentId != departmentId }) {
                throw .rule(Rule.singleLead, "\(lead.departmentId) already leads dossier \(dossierId)")
            }
            if dossier.departments.contains(where: { $0.departmentId == departmentId && $0.role == role }) {
                throw .rule(Rule.alreadyMember, "\(departmentId) is already \(role) on \(dossierId)")
            }
            return [DepartmentAssigned(dossierId: dossierId, departmentId: departmentId, role: role)]

        case let .unassignDepartment(_, departmentId):
            try department(departmentId)
            try authorize(command)
            try checkVersion()
            try notClosed()
            if !assigned.contains(departmentId) { throw .rule(Rule.notAssigned, "\(departmentId) is not assigned to \(dossierId)") }
            return [DepartmentUnassigned(dossierId: dossierId, departmentId: departmentId)]

        case let .updateStatus(_, departmentId, status, note):
            try department(departmentId)
            try authorize(command)
            try checkVersion()
            try notClosed()
            if principal.role == .department || principal.role == .partner, !principal.departments.contains(departmentId) {
                throw .rule(Rule.departmentOwnStatus, "\(principal.principalId) may only update its own department's status")
            }
            if !assigned.contains(departmentId) {
                throw .rule(Rule.departmentOwnStatus, "\(departmentId) is not assigned to dossier \(dossierId)")
            }
            return [DepartmentStatusUpdated(dossierId: dossierId, departmentId: departmentId, status: status, note: seals.seal(note))]

        case let .setDeadline(_, deadline):
            try authorize(command)
            try checkVersion()
            try notClosed()
            // Already so: nothing to append (see ``Decider``).
            if dossier.deadline == deadline { return [] }
            return [DeadlineSet(dossierId: dossierId, deadline: deadline)]

        case let .escalate(_, to, reason):
            try authorize(command)
            try checkVersion()
            try notClosed()
            if dossier.openEscalation != nil { throw .rule(Rule.escalationOpen, "dossier \(dossierId) already has an open escalation") }
            return [DossierEscalated(dossierId: dossierId, to: to, reason: seals.seal(reason))]

        case let .resolveEscalation(_, outcome):
            try authorize(command)
            try checkVersion()
            if dossier.openEscalation == nil { throw .rule(Rule.noOpenEscalation, "dossier \(dossierId) has no open escalation") }
            return [EscalationResolved(dossierId: dossierId, outcome: seals.seal(outcome))]

        case let .closeDossier(_, resolution):
            try authorize(command)
            try checkVersion()
            try notClosed()
            if dossier.openEscalation != nil {
                throw .rule(Rule.escalationOpen, "dossier \(dossierId) cannot close while its escalation is unresolved")
            }
            return [DossierClosed(dossierId: dossierId, resolution: seals.seal(resolution))]

        case let .reopenDossier(_, reason):
            try authorize(command)
            try checkVersion()
            if !dossier.closed { throw .rule(Rule.dossierNotClosed, "dossier \(dossierId) is not closed") }
            return [DossierReopened(dossierId: dossierId, reason: seals.seal(reason))]

        case let .setConfidentiality(_, confidential, reason):
            try authorize(command)
            try checkVersion()
            // A closed dossier may still need protecting (or no longer): no `dossier_closed`.
            // Already so: nothing to append (see ``Decider``).
            if dossier.confidential == confidential { return [] }
            return [DossierConfidentialitySet(dossierId: dossierId, confidential: confidential, reason: seals.seal(reason))]

        default:
            preconditionFailure("not a dossier command")
        }
    }
}
