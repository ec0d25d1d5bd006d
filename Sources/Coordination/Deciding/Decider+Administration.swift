import Events
import Projections

extension Decider.Context {
    /// Areas, departments, principals and tables: the set-up of a municipality.
    func decideAdministration(_ command: Command) throws(DomainError) -> [any DomainEvent] {
        switch command {
        case let .defineArea(code, name, kind, parent):
            var parentKind: String?
            if let parent {
                if let record = model.areas[parent] {
                    parentKind = record.kind
                } else if !parent.hasPrefix("GM") {
                    throw .notFound("no area \(parent)")
                } else {
                    parentKind = "gemeente"
                }
            }
            try authorize(command)
            try checkVersion()
            if model.areas[code] != nil { throw .rule(Rule.alreadyExists, "area \(code) is already defined") }
            let allowed: [String: Set<String?>] = ["stadsdeel": [nil, "gemeente"], "wijk": ["stadsdeel", "gemeente"], "buurt": ["wijk"]]
            guard allowed[kind]?.contains(parentKind) == true else {
                throw .rule(Rule.areaHierarchy, "a \(kind) cannot lie under \(parentKind ?? "nothing")")
            }
            return [AreaDefined(code: code, name: name, kind: kind, parent: parent)]

        case let .registerDepartment(departmentId, name, external):
            try authorize(command)
            try checkVersion()
            if model.departments[departmentId] != nil {
                throw .rule(Rule.alreadyExists, "department \(departmentId) is already registered")
            }
            return [DepartmentRegistered(departmentId: departmentId, name: name, external: external)]

        case let .registerPrincipal(principalId, name, role, stadsdelen, departments, tokenHash):
            for code in stadsdelen where model.areas[code]?.kind != "stadsdeel" { throw .notFound("no stadsdeel \(code)") }
            for id in departments { try department(id) }
            try authorize(command)
            try checkVersion()
            // A repeated code or id means nothing more; the record keeps each once, in order.
            return [
                PrincipalRegistered(
                    principalId: principalId, name: name, role: role.rawValue, stadsdelen: Self.unique(stadsdelen),
                    departments: Self.unique(departments), tokenHash: tokenHash)
            ]

        case let .revokePrincipal(principalId):
            guard let record = model.principals[principalId] else { throw .notFound("no principal \(principalId)") }
            try authorize(command)
            try checkVersion()
            if record.revoked { throw .rule(Rule.principalRevoked, "\(principalId) is already revoked") }
            return [PrincipalRevoked(principalId: principalId)]

        case let .establishTable(tableId, name, stadsdeel, members):
            guard model.areas[stadsdeel]?.kind == "stadsdeel" else { throw .notFound("no stadsdeel \(stadsdeel)") }
            for id in members { try department(id) }
            try authorize(command)
            try checkVersion()
            if model.tables[tableId] != nil { throw .rule(Rule.alreadyExists, "table \(tableId) already exists") }
            return [TableEstablished(tableId: tableId, name: name, stadsdeel: stadsdeel, members: Self.unique(members))]

        case let .addTableMember(tableId, departmentId):
            let table = try table(tableId)
            try department(departmentId)
            try authorize(command)
            try checkVersion()
            if table.members.contains(departmentId) { throw .rule(Rule.alreadyMember, "\(departmentId) already sits at \(tableId)") }
            return [TableMemberAdded(tableId: tableId, departmentId: departmentId)]

        case let .removeTableMember(tableId, departmentId):
            let table = try table(tableId)
            try department(departmentId)
            try authorize(command)
            try checkVersion()
            if !table.members.contains(departmentId) { throw .rule(Rule.notMember, "\(departmentId) does not sit at \(tableId)") }
            return [TableMemberRemoved(tableId: tableId, departmentId: departmentId)]

        default:
            preconditionFailure("not an administration command")
        }
    }

    /// `values` with each kept once, at its first place.
    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
