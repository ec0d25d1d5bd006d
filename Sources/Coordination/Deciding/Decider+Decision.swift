import Events
import Projections

extension Decider.Context {
    /// The actielijst's changes to a decision after it was taken: reschedule, reassign,
    /// withdraw, report progress. A completed or withdrawn decision takes none of them
    /// (`decision_closed`); one that would change nothing (the due date or owner it has)
    /// decides no events.
    func decideDecision(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        switch command {
        case let .rescheduleDecision(decisionId, due, reason):
            let decision = try openDecision(decisionId, command)
            if decision.due == due { return [] }
            return [DecisionRescheduled(decisionId: decisionId, due: due, reason: seals.seal(reason))]

        case let .reassignDecision(decisionId, ownerDepartment, reason):
            let decision = try openDecision(decisionId, command)
            let table = try table(try meeting(decision.meetingId).tableId)
            if !table.members.contains(ownerDepartment) {
                throw .rule(Rule.ownerNotMember, "\(ownerDepartment) does not sit at table \(table.tableId)")
            }
            if decision.ownerDepartment == ownerDepartment { return [] }
            return [DecisionReassigned(decisionId: decisionId, ownerDepartment: ownerDepartment, reason: seals.seal(reason))]

        case let .withdrawDecision(decisionId, reason):
            _ = try openDecision(decisionId, command)
            return [DecisionWithdrawn(decisionId: decisionId, reason: seals.seal(reason))]

        case let .reportDecisionProgress(decisionId, status, note):
            _ = try openDecision(decisionId, command)
            return [DecisionProgressReported(decisionId: decisionId, status: status, note: seals.seal(note))]

        default:
            preconditionFailure("decideDecision is only called for the actielijst's commands")
        }
    }

    /// The decision, after the lookups, role and scope, and version checks, refused as
    /// `decision_closed` when it is completed or withdrawn.
    func openDecision(_ decisionId: String, _ command: Command) throws(DomainError) -> DecisionRecord {
        guard let decision = model.decisions[decisionId] else { throw .notFound("no decision \(decisionId)") }
        _ = try meeting(decision.meetingId)
        try authorize(command)
        try checkVersion()
        if !decision.isOpen {
            throw .rule(Rule.decisionClosed, "decision \(decisionId) is \(decision.state.rawValue) and takes no change")
        }
        return decision
    }
}
