import Events
import Projections

extension CoordinationService {
    /// Answers the reference-data queries (`table.list`, `department.list`, `area.list`,
    /// `principal.me`) from the live model, as `principal` (already judged as it is now).
    /// After the params: an unknown `stadsdeel` or `under` is -32004; none of them is ever
    /// -32003, as every role may call them: `table.list` leaves out the tables the caller
    /// may not read (``ReadScope``), the others hold nothing scoped.
    func referenceData(_ query: Query, by principal: ActingPrincipal) throws(DomainError) -> JSONValue {
        switch query {
        case let .tableList(stadsdeel):
            if let stadsdeel, !isStadsdeel(stadsdeel) { throw DomainError.notFound("no stadsdeel \(stadsdeel)") }
            let scope = ReadScope(principal: principal, model: model)
            return TableListView.render(in: model, stadsdeel: stadsdeel, today: Self.today(), visible: scope.mayRead(table:))
        case .departmentList:
            return DepartmentListView.render(in: model)
        case let .areaList(under):
            if let under, model.areas[under] == nil { throw DomainError.notFound("no area \(under)") }
            return AreaListView.render(in: model, under: under)
        case .principalMe:
            let record = model.principals[principal.principalId]
            return PrincipalView.render(
                principalId: principal.principalId, name: record?.name ?? principal.principalId, role: principal.role.rawValue,
                stadsdelen: record?.stadsdelen ?? principal.stadsdelen.sorted(), departments: record?.departments ?? principal.departments.sorted())
        default:
            preconditionFailure("not a reference-data query: \(query)")
        }
    }
}
