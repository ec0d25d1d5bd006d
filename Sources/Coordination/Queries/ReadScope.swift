import Projections

/// What a principal may read (API.md, "Queries"): `admin` and `auditor` everything;
/// `regisseur` and `wethouder` their stadsdelen; `department` and `partner` the dossiers
/// assigned to them and the agendas of the tables they sit at.
struct ReadScope {
    let principal: ActingPrincipal
    let model: CoordinationModel

    var readsEverything: Bool { principal.role == .admin || principal.role == .auditor }

    func mayRead(stadsdeel: String) -> Bool {
        if readsEverything { return true }
        switch principal.role {
        case .regisseur, .wethouder: return principal.stadsdelen.contains(stadsdeel)
        default: return false
        }
    }

    func mayRead(table: TableRecord) -> Bool {
        if mayRead(stadsdeel: table.stadsdeel) { return true }
        switch principal.role {
        case .department, .partner: return !principal.departments.isDisjoint(with: table.members)
        default: return false
        }
    }

    func mayRead(dossier: DossierRecord) -> Bool {
        if let table = model.tables[dossier.tableId], mayRead(stadsdeel: table.stadsdeel) { return true }
        switch principal.role {
        case .department, .partner:
            return dossier.departments.contains { principal.departments.contains($0.departmentId) }
        default: return false
        }
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
        if let id = suffix(stream, "decision-") {
            return model.decisions[id].flatMap { model.meetings[$0.meetingId] }.flatMap { model.tables[$0.tableId] }
                .map(mayRead(table:)) ?? false
        }
        return false
    }

    func suffix(_ stream: String, _ prefix: String) -> String? {
        stream.hasPrefix(prefix) ? String(stream.dropFirst(prefix.count)) : nil
    }
}
