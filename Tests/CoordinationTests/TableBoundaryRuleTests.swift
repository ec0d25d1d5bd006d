import Coordination
import Events
import Projections
import Testing

/// A table's decisions and dossiers stay inside the table and its stadsdeel: given the
/// standard scenario (table t1 in Noord with Wonen, Openbare Ruimte and Politie; table t2 in
/// Zuid with Verkeer), when a command reaches across, then it is refused with its rule.
@Suite struct TableBoundaryRuleTests {
    typealias S = Scenario

    static func scenario() -> Scenario {
        var scenario = S.standard()
        scenario.given(
            DossierRaised(dossierId: "dz", tableId: "t2", title: "Elders"),
            AreaDefined(code: "WK093502", name: "Jekerkwartier", kind: "wijk", parent: S.zuid),
            AreaDefined(code: "BU09350101", name: "Wyck-Oost", kind: "buurt", parent: "WK093501"),
            AreaDefined(code: "BU09350201", name: "Jekerdal", kind: "buurt", parent: "WK093502"),
            AreaDefined(code: "WK093599", name: "Zonder stadsdeel", kind: "wijk", parent: "GM0935"))
        return scenario
    }

    static func decision(dossierId: String?, owner: String) -> Command {
        .takeDecision(decisionId: "b1", meetingId: "m1", text: "Handhaving", ownerDepartment: owner, dossierId: dossierId, due: nil)
    }

    static func raise(area: String?) -> Command {
        .raiseDossier(dossierId: "d9", tableId: "t1", title: "Nieuw", summary: nil, area: area, deadline: nil)
    }

    @Test func aDecisionOnAnotherTablesDossierIsRefused() {
        var scenario = Self.scenario()
        let refused = scenario.when(Self.decision(dossierId: "dz", owner: "wonen"), by: S.regisseur)
        #expect(refused.rule == Rule.decisionOfOtherTable)
        #expect(scenario.model.decisions["b1"] == nil)
        #expect(scenario.when(Self.decision(dossierId: "d1", owner: "wonen"), by: S.regisseur).succeeded)
    }

    @Test func aDecisionOwnedByADepartmentNotAtTheTableIsRefused() {
        var scenario = Self.scenario()
        #expect(scenario.when(Self.decision(dossierId: nil, owner: "verkeer"), by: S.regisseur).rule == Rule.ownerNotMember)
        #expect(scenario.when(Self.decision(dossierId: "d1", owner: "verkeer"), by: S.admin).rule == Rule.ownerNotMember)
        #expect(scenario.when(Self.decision(dossierId: nil, owner: "openbare-ruimte"), by: S.regisseur).succeeded)
    }

    @Test func theOrderOfChecksStays() {
        var scenario = Self.scenario()
        // Unknown dossier before forbidden, forbidden before the rules.
        #expect(scenario.when(Self.decision(dossierId: "nope", owner: "verkeer"), by: S.otherRegisseur).kind == .notFound)
        #expect(scenario.when(Self.decision(dossierId: "dz", owner: "verkeer"), by: S.otherRegisseur).kind == .forbidden)
    }

    @Test(arguments: ["SD-noord", "WK093501", "BU09350101"])
    func aDossierMayLieAnywhereInItsStadsdeel(area: String) {
        var scenario = Self.scenario()
        #expect(scenario.when(Self.raise(area: area), by: S.regisseur).succeeded)
        #expect(scenario.model.dossiers["d9"]?.area == area)
    }

    @Test(arguments: ["SD-zuid", "WK093502", "BU09350201", "WK093599"])
    func aDossierOutsideItsTablesStadsdeelIsRefused(area: String) {
        var scenario = Self.scenario()
        #expect(scenario.when(Self.raise(area: area), by: S.regisseur).rule == Rule.areaOutsideStadsdeel)
        #expect(scenario.when(Self.raise(area: area), by: S.wonen).rule == Rule.areaOutsideStadsdeel)
        #expect(scenario.model.dossiers["d9"] == nil)
    }

    @Test func aCycleOfAreasInACraftedLogEndsTheWalk() {
        var scenario = Self.scenario()
        scenario.given(
            AreaDefined(code: "WK093588", name: "A", kind: "wijk", parent: "WK093589"),
            AreaDefined(code: "WK093589", name: "B", kind: "wijk", parent: "WK093588"))
        #expect(scenario.when(Self.raise(area: "WK093588"), by: S.regisseur).rule == Rule.areaOutsideStadsdeel)
    }

    @Test func authorizeAloneAgreesWithDecidingOnWhoMay() {
        let scenario = Self.scenario()
        let commands: [Command] = [
            Self.decision(dossierId: "d1", owner: "wonen"), Self.raise(area: nil),
            .updateStatus(dossierId: "d1", departmentId: "wonen", status: "done", note: nil),
            .resolveEscalation(dossierId: "d1", outcome: "o"), .closeMeeting(meetingId: "m1"),
            .establishTable(tableId: "t9", name: "T", stadsdeel: S.zuid, members: []),
        ]
        let principals = [S.admin, S.regisseur, S.otherRegisseur, S.wonen, S.verkeer, S.politie, S.wethouder, S.otherWethouder, S.auditor]
        for command in commands {
            for principal in principals {
                let alone: DomainError.Kind?
                do throws(DomainError) {
                    try Decider.authorize(command, by: principal, on: scenario.model)
                    alone = nil
                } catch {
                    alone = error.kind
                }
                var deciding = scenario
                let decided = deciding.when(command, by: principal).kind
                let decidedAuthorization = decided == .forbidden || decided == .notFound ? decided : nil
                #expect(alone == decidedAuthorization, "\(command) by \(principal.principalId)")
            }
        }
    }
}
