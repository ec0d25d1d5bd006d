import Events
import Projections

/// What a principal may read (the RPC reference, "Queries"): `admin`, `auditor` and `privacy`
/// everything (the privacy officer answers access requests city-wide; see RolesAndScopes);
/// `regisseur` and `wethouder` their stadsdelen; `department` and `partner` the dossiers
/// assigned to them and the agendas of the tables they sit at. A confidential dossier is
/// read only by those who see confidential dossiers (``seesConfidential``) and, of the
/// others, by those acting for a department assigned to it: no decision owned, no stadsdeel
/// in scope lets anyone else read it, and its agenda items show no title.
///
/// Scope is always judged on the current model, also for `asOf`/`atPosition` queries: a
/// department taken off a dossier, or a table, since then must not read it through the
/// past. Records passed in from a replayed model are looked up again by id.
struct ReadScope {
    let principal: ActingPrincipal
    /// The live model, never a replayed one.
    let model: CoordinationModel

    var readsEverything: Bool { principal.role == .admin || principal.role == .auditor || principal.role == .privacy }

    func mayRead(stadsdeel: String) -> Bool {
        if readsEverything { return true }
        switch principal.role {
        case .regisseur, .wethouder: return principal.stadsdelen.contains(stadsdeel)
        default: return false
        }
    }

    func mayRead(table: TableRecord) -> Bool {
        let table = model.tables[table.tableId] ?? table
        if mayRead(stadsdeel: table.stadsdeel) { return true }
        switch principal.role {
        case .department, .partner: return !principal.departments.isDisjoint(with: table.members)
        default: return false
        }
    }

    /// Whether the role sees confidential dossiers (the contract: regisseur, wethouder, admin,
    /// auditor, and the privacy officer). Every other role reads one only through a department
    /// assigned to it; a new role must be placed here, so the switch lists every case.
    var seesConfidential: Bool {
        switch principal.role {
        case .admin, .auditor, .regisseur, .wethouder, .privacy: return true
        case .department, .partner: return false
        }
    }

    func mayRead(dossier: DossierRecord) -> Bool {
        let dossier = model.dossiers[dossier.dossierId] ?? dossier
        if dossier.confidential, !seesConfidential, !dossier.departments.contains(where: { principal.departments.contains($0.departmentId) }) {
            return false
        }
        if let table = model.tables[dossier.tableId], mayRead(stadsdeel: table.stadsdeel) { return true }
        switch principal.role {
        case .department, .partner:
            return dossier.departments.contains { principal.departments.contains($0.departmentId) }
        default: return false
        }
    }

    /// Whether an agenda item on `dossier` may show its title: unless the dossier is
    /// confidential and the principal may not read it ("Vertrouwelijk agendapunt" then).
    func mayReadTitle(of dossier: DossierRecord) -> Bool {
        let dossier = model.dossiers[dossier.dossierId] ?? dossier
        return !dossier.confidential || mayRead(dossier: dossier)
    }

    /// A decision on a dossier is read with the dossier; one without a dossier with its
    /// meeting's table. The department that owns a decision reads it, as it has to carry it
    /// out, except on a confidential dossier it may not read: the text may say what that is about.
    func mayRead(decision: DecisionRecord) -> Bool {
        let decision = model.decisions[decision.decisionId] ?? decision
        if readsEverything { return true }
        if actsFor(decision.ownerDepartment), decision.dossierId.flatMap({ model.dossiers[$0] })?.confidential != true { return true }
        if let dossierId = decision.dossierId { return model.dossiers[dossierId].map(mayRead(dossier:)) ?? false }
        return model.meetings[decision.meetingId].flatMap { model.tables[$0.tableId] }.map(mayRead(table:)) ?? false
    }

    func actsFor(_ departmentId: String) -> Bool {
        (principal.role == .department || principal.role == .partner) && principal.departments.contains(departmentId)
    }

    /// Whether the principal may read the history of `stream`: what it may read of the
    /// object the stream belongs to; the administration streams (areas, departments,
    /// principals) are for `admin` and `auditor`.
    func mayReadStream(_ stream: String) -> Bool {
        if readsEverything { return true }
        if let id = suffix(stream, "dossier-") { return model.dossiers[id].map(mayRead(dossier:)) ?? false }
        if let id = suffix(stream, "table-") { return model.tables[id].map(mayRead(table:)) ?? false }
        if let id = suffix(stream, "meeting-") {
            return model.meetings[id].flatMap { model.tables[$0.tableId] }.map(mayRead(table:)) ?? false
        }
        if let id = suffix(stream, "decision-") { return model.decisions[id].map(mayRead(decision:)) ?? false }
        return false
    }

    /// The positions of `stream`'s trail the principal may see. A member department reads a
    /// meeting's stream, but not the events about dossiers it may not read on it (their
    /// agenda items and discussion notes), as on the agenda itself.
    func visible(_ positions: [Int64], ofStream stream: String, audit: AuditIndex) -> [Int64] {
        guard let id = suffix(stream, "meeting-"), let meeting = model.meetings[id], let table = model.tables[meeting.tableId],
            !mayRead(stadsdeel: table.stadsdeel)
        else { return positions }
        var hidden: Set<Int64> = []
        for dossier in model.dossiers.values where dossier.tableId == table.tableId && !mayRead(dossier: dossier) {
            hidden.formUnion(audit.byDossier[dossier.dossierId] ?? [])
        }
        return hidden.isEmpty ? positions : positions.filter { !hidden.contains($0) }
    }

    /// Whether the principal may read one event now: the stream it is on, and on a meeting's
    /// stream the dossier of its item. This also holds for a principal's own trail: one
    /// taken off a dossier, or moved to another stadsdeel, no longer reads it there either.
    func mayRead(_ envelope: EventEnvelope) -> Bool {
        if readsEverything { return true }
        guard mayReadStream(envelope.stream) else { return false }
        guard let meetingId = suffix(envelope.stream, "meeting-") else { return true }
        var dossierId: String?
        if case let .string(id)? = envelope.data["dossierId"] {
            dossierId = id
        } else if case let .string(itemId)? = envelope.data["itemId"] {
            dossierId = model.meetings[meetingId]?.items.first { $0.itemId == itemId }?.dossierId
        }
        guard let dossierId else { return true }
        return model.dossiers[dossierId].map(mayRead(dossier:)) ?? false
    }

    func suffix(_ stream: String, _ prefix: String) -> String? {
        stream.hasPrefix(prefix) ? String(stream.dropFirst(prefix.count)) : nil
    }
}
