/// Who may run which command on which object (the RPC reference, "who may"), decided before any
/// business rule. A refusal is `forbidden` with the reason.
enum Authorization {
    static func admin(_ principal: ActingPrincipal, _ action: String) throws(DomainError) {
        guard principal.role == .admin else { throw .forbidden("only an admin may \(action)") }
    }

    /// Admin, or a regisseur whose scope holds `stadsdeel`.
    static func regisseur(_ principal: ActingPrincipal, of stadsdeel: String, _ action: String) throws(DomainError) {
        if principal.role == .admin { return }
        guard principal.role == .regisseur else { throw .forbidden("only a regisseur may \(action)") }
        guard principal.stadsdelen.contains(stadsdeel) else {
            throw .forbidden("\(principal.principalId) is not regisseur of \(stadsdeel)")
        }
    }

    /// Admin, the regisseur of the stadsdeel, or a department principal whose department sits at the table.
    static func regisseurOrMember(_ principal: ActingPrincipal, table: TableView, _ action: String) throws(DomainError) {
        if principal.role == .department, !principal.departments.isDisjoint(with: table.members) { return }
        if principal.role == .department { throw .forbidden("none of \(principal.principalId)'s departments sits at table \(table.tableId)") }
        try regisseur(principal, of: table.stadsdeel, action)
    }

    /// The department or partner acting for `departmentId` (a partner only on dossiers its
    /// organisation is assigned to), or the regisseur of the stadsdeel.
    static func departmentOrRegisseur(
        _ principal: ActingPrincipal, stadsdeel: String, departmentIds: Set<String>, assigned: Set<String>, _ action: String
    ) throws(DomainError) {
        switch principal.role {
        case .department:
            guard !principal.departments.isDisjoint(with: departmentIds) else {
                throw .forbidden("\(principal.principalId) acts for none of the departments involved")
            }
        case .partner:
            guard !principal.departments.isDisjoint(with: assigned) else {
                throw .forbidden("a partner acts only on dossiers its organisation is assigned to")
            }
        default:
            try regisseur(principal, of: stadsdeel, action)
        }
    }
}

/// The parts of a table that authorization looks at.
struct TableView {
    var tableId: String
    var stadsdeel: String
    var members: Set<String>
}
