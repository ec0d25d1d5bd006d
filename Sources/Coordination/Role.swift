/// The roles a principal can hold (Coordination.docc, "RolesAndScopes"); what each may do is decided
/// in this module, before any decider runs.
package enum Role: String, Sendable, CaseIterable, Codable {
    case admin
    case regisseur
    case department
    case partner
    case auditor
    case wethouder
    /// The privacy officer (functionaris gegevensbescherming): erases personal data and reads
    /// the read log; contract v2.
    case privacy
}
