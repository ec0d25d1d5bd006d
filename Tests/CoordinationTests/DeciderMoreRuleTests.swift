import Coordination
import Events
import Projections
import Testing

/// The rules Tafel adds where the RPC reference is silent, each refused once and allowed once.
@Suite struct DeciderMoreRuleTests {
    typealias S = Scenario

    /// (rule, a command that breaks it, a command that is allowed) on the standard scenario.
    static let cases: [(String, Command, Command)] = [
        (Rule.alreadyExists, .raiseDossier(dossierId: "d1", tableId: "t1", title: "Dubbel", summary: nil, area: nil, deadline: nil),
         .raiseDossier(dossierId: "d2", tableId: "t1", title: "Nieuw", summary: nil, area: "WK093501", deadline: nil)),
        (Rule.alreadyMember, .addTableMember(tableId: "t1", departmentId: "wonen"), .addTableMember(tableId: "t1", departmentId: "verkeer")),
        (Rule.notMember, .removeTableMember(tableId: "t1", departmentId: "verkeer"), .removeTableMember(tableId: "t1", departmentId: "wonen")),
        (Rule.notAssigned, .unassignDepartment(dossierId: "d1", departmentId: "openbare-ruimte"), .unassignDepartment(dossierId: "d1", departmentId: "politie")),
        (Rule.singleLead, .assignDepartment(dossierId: "d1", departmentId: "openbare-ruimte", role: "lead"),
         .assignDepartment(dossierId: "d1", departmentId: "openbare-ruimte", role: "contributor")),
        (Rule.dossierNotClosed, .reopenDossier(dossierId: "d1", reason: "r"), .closeDossier(dossierId: "d1", resolution: "r")),
        (Rule.dossierOfOtherTable, .addAgendaItem(meetingId: "m1", itemId: "x", dossierId: "dz", topic: nil),
         .addAgendaItem(meetingId: "m1", itemId: "x", dossierId: "d1", topic: nil)),
        (Rule.areaHierarchy, .defineArea(code: "BU09350101", name: "Buurt", kind: "buurt", parent: "SD-noord"),
         .defineArea(code: "BU09350101", name: "Buurt", kind: "buurt", parent: "WK093501")),
        (Rule.decisionCompleted, .completeDecision(decisionId: "done", note: nil), .completeDecision(decisionId: "open", note: "klaar")),
        (Rule.principalRevoked, .revokePrincipal(principalId: "gone"), .revokePrincipal(principalId: "active")),
    ]

    @Test(arguments: cases.indices)
    func refusedAndAllowed(index: Int) {
        let (rule, refused, allowed) = Self.cases[index]
        var scenario = S.standard()
        scenario.given(
            DossierRaised(dossierId: "dz", tableId: "t2", title: "Elders"),
            DecisionTaken(decisionId: "done", meetingId: "m1", text: FreeText(inline: "a"), ownerDepartment: "wonen"),
            DecisionCompleted(decisionId: "done"),
            DecisionTaken(decisionId: "open", meetingId: "m1", text: FreeText(inline: "b"), ownerDepartment: "wonen"),
            PrincipalRegistered(principalId: "gone", name: "G", role: "auditor", stadsdelen: [], departments: [], tokenHash: "g"),
            PrincipalRevoked(principalId: "gone"),
            PrincipalRegistered(principalId: "active", name: "A", role: "auditor", stadsdelen: [], departments: [], tokenHash: "a"))
        var refusing = scenario
        #expect(refusing.when(refused, by: S.admin).rule == rule)
        #expect(scenario.when(allowed, by: S.admin).succeeded, "allowed path of \(rule)")
    }
}
