import Events
import Projections

/// The business rules: `(state, command) -> events` or a typed ``DomainError``, without I/O.
///
/// Checks run in the order the RPC reference fixes, so every client sees the same error for the same
/// request: unknown object (`not_found`) → role and scope (`forbidden`) → expected version
/// (`conflict`) → business rule (`rule_violation`). Parameters were checked before, by
/// ``CommandValidation``.
///
/// A command that passes every check but would change nothing (`agenda.moveItem` to the
/// item's own position, `dossier.setDeadline` to the deadline it has) decides no events:
/// the service then appends nothing and answers the stream's current version, as a repeated
/// PUT would, rather than filling the log with no-op events or refusing a harmless retry.
package enum Decider {
    /// Decides `command` run by `principal` on `model`.
    /// - Parameter expectedVersion: the stream version the client saw, when it sent one.
    /// - Parameter sealer: seals the command's free texts; its seed is the decision's only
    ///   randomness, so a test that fixes it gets the same events every time.
    package static func decide(
        _ command: Command, by principal: ActingPrincipal, on model: CoordinationModel, expectedVersion: Int64? = nil,
        sealer: TextSealer = .random()
    ) throws(DomainError) -> Decided {
        let stream = command.stream
        let version = model.version(of: stream)
        var context = Context(
            model: model, principal: principal, stream: stream, version: version, expected: expectedVersion, seals: TextSeals(sealer))
        // The principal's own record decided its role and scope: a revocation or a narrowed
        // scope committed meanwhile makes the decision stale too.
        context.reads.note("principal-\(principal.principalId)")
        let events = try context.decide(command)
        // Only sealed texts leave the side store; an inline (version 1) one stays in the
        // log's bytes and is hidden by the erasure event alone.
        let erasing = events.compactMap { $0 as? PersonalDataErased }.flatMap(\.refs).filter { model.freeTexts[$0]?.text.isSealed == true }
        return Decided(
            stream: stream, expectedVersion: version, events: events, conditions: context.reads.conditions(appendingTo: stream),
            texts: context.seals.sealer.sealed, erasing: erasing)
    }

    struct Context {
        let model: CoordinationModel
        let principal: ActingPrincipal
        let stream: String
        let version: Int64
        let expected: Int64?
        /// The streams the lookups below read.
        let reads: StreamReads
        /// The free texts the events hold, sealed for the side store.
        let seals: TextSeals

        init(model: CoordinationModel, principal: ActingPrincipal, stream: String, version: Int64, expected: Int64?, seals: TextSeals) {
            self.seals = seals
            self.model = model
            self.principal = principal
            self.stream = stream
            self.version = version
            self.expected = expected
            self.reads = StreamReads(model: model)
        }

        /// The conflict check, run after authorization and before the rules.
        func checkVersion() throws(DomainError) {
            if let expected, expected != version {
                throw DomainError(
                    .conflict, "\(stream) is at version \(version), not \(expected)", expected: expected, actual: version)
            }
        }

        func table(_ id: String) throws(DomainError) -> TableRecord {
            guard let table = model.tables[id] else { throw .notFound("no table \(id)") }
            reads.note("table-\(id)")
            return table
        }

        func dossier(_ id: String) throws(DomainError) -> DossierRecord {
            guard let dossier = model.dossiers[id] else { throw .notFound("no dossier \(id)") }
            reads.note("dossier-\(id)")
            return dossier
        }

        func meeting(_ id: String) throws(DomainError) -> MeetingRecord {
            guard let meeting = model.meetings[id] else { throw .notFound("no meeting \(id)") }
            reads.note("meeting-\(id)")
            return meeting
        }

        func department(_ id: String) throws(DomainError) {
            guard model.departments[id] != nil else { throw .notFound("no department \(id)") }
        }

        /// Whether area `code` is `stadsdeel` or lies under it. Areas nest three deep; the
        /// bound stops a cycle that only a crafted log could hold.
        func area(_ code: String, liesIn stadsdeel: String) -> Bool {
            var current: String? = code
            for _ in 0..<8 {
                guard let area = current else { return false }
                if area == stadsdeel { return true }
                current = model.areas[area]?.parent
            }
            return false
        }

        func view(_ table: TableRecord) -> TableView {
            TableView(tableId: table.tableId, stadsdeel: table.stadsdeel, members: Set(table.members))
        }

        mutating func decide(_ command: Command) throws(DomainError) -> [any DomainEvent] {
            switch command {
            case .defineArea, .registerDepartment, .registerPrincipal, .revokePrincipal, .establishTable,
                .addTableMember, .removeTableMember:
                return try decideAdministration(command)
            case .raiseDossier, .assignDepartment, .unassignDepartment, .updateStatus, .setDeadline, .escalate,
                .resolveEscalation, .closeDossier, .reopenDossier, .setConfidentiality:
                return try decideDossier(command)
            case .rescheduleDecision, .reassignDecision, .withdrawDecision, .reportDecisionProgress:
                return try decideDecision(command)
            case .erasePersonalData:
                return try decideErasure(command)
            default:
                return try decideMeeting(command)
            }
        }
    }
}
