import Events

/// The `department.list` answer: every registered department and partner organisation, in
/// `departmentId` order, so that a client names departments by the server's ids. Every role
/// reads it: which departments exist is no secret within the municipality, and each needs
/// the others' names to read the statuses on a dossier.
package enum DepartmentListView {
    package static func render(in model: CoordinationModel) -> JSONValue {
        let rows: [JSONValue] = model.departments.values.sorted { $0.departmentId < $1.departmentId }.map { department in
            .object([
                ("departmentId", .string(department.departmentId)),
                ("name", .string(department.name)),
                ("external", .bool(department.external)),
            ])
        }
        return .object([("departments", .array(rows))])
    }
}
