import Projections

/// The object and scope checks of the reports a user reads live or as of a past moment
/// (`dossier.list`, `department.overview`, `dashboard.stadsdeel`). Each runs twice for an
/// as-of query: on the live model before any replay (an object that does not exist now never
/// existed; nothing is deleted), and on the replayed model after it, so that an object that
/// did not exist yet then is -32004 as an unknown id is live. Scope is always judged by the
/// caller's rights now (``ReadScope`` holds the live model).
extension CoordinationService {
    /// The department, stadsdeel and table `dossier.list` filters by must exist in `state`
    /// (-32004); a table must be readable by the caller now (-32003). A stadsdeel outside
    /// the caller's scope lists nothing rather than refusing.
    func admitDossierFilter(_ filter: DossierFilter, in state: CoordinationModel, scope: ReadScope) throws(DomainError) {
        if let departmentId = filter.departmentId, state.departments[departmentId] == nil {
            throw DomainError.notFound("no department \(departmentId)")
        }
        if let stadsdeel = filter.stadsdeel, !isStadsdeel(stadsdeel, in: state) { throw DomainError.notFound("no stadsdeel \(stadsdeel)") }
        if let tableId = filter.tableId {
            guard let table = state.tables[tableId] else { throw DomainError.notFound("no table \(tableId)") }
            guard scope.mayRead(table: table) else {
                throw DomainError.forbidden("\(scope.principal.principalId) may not read table \(tableId)")
            }
        }
    }

    /// `department.overview`: the department must exist in `state` (-32004); a department or
    /// partner principal reads only the departments it acts for now (-32003).
    func admitOverview(of departmentId: String, in state: CoordinationModel, by principal: ActingPrincipal) throws(DomainError) {
        guard state.departments[departmentId] != nil else { throw DomainError.notFound("no department \(departmentId)") }
        if principal.role == .department || principal.role == .partner, !principal.departments.contains(departmentId) {
            throw DomainError.forbidden("\(principal.principalId) does not act for \(departmentId)")
        }
    }

    /// `dashboard.stadsdeel`: the code must be a stadsdeel in `state` (-32004) that the
    /// caller may read now (-32003).
    func admitDashboard(of stadsdeel: String, in state: CoordinationModel, scope: ReadScope) throws(DomainError) {
        guard isStadsdeel(stadsdeel, in: state) else { throw DomainError.notFound("no stadsdeel \(stadsdeel)") }
        guard scope.mayRead(stadsdeel: stadsdeel) else {
            throw DomainError.forbidden("\(scope.principal.principalId) may not read stadsdeel \(stadsdeel)")
        }
    }

    /// Whether `code` is a stadsdeel now.
    func isStadsdeel(_ code: String) -> Bool { isStadsdeel(code, in: model) }

    /// Whether `code` is a stadsdeel in `state`: an area of that kind, or the stadsdeel of a
    /// table. A wijk or buurt is not one, though it is an area.
    func isStadsdeel(_ code: String, in state: CoordinationModel) -> Bool {
        state.areas[code]?.kind == "stadsdeel" || state.tables.values.contains { $0.stadsdeel == code }
    }
}
