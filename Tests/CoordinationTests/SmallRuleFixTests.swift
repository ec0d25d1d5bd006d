import Coordination
import EventStore
import Events
import Projections
import Testing

/// Refusals that say no more than the caller may read, params named completely, and
/// commands that would change nothing append nothing.
@Suite struct SmallRuleFixTests {
    typealias S = Scenario

    @Test func refusingToCompleteADecisionDoesNotNameItsOwner() throws {
        var scenario = S.standard()
        scenario.given(DecisionTaken(decisionId: "b1", meetingId: "m1", text: FreeText(inline: "Schouw"), ownerDepartment: "politie"))
        guard case let .failure(error) = scenario.when(.completeDecision(decisionId: "b1", note: nil), by: S.wonen) else {
            Issue.record("completed by a department that does not own it")
            return
        }
        #expect(error.kind == .forbidden)
        #expect(!error.detail.contains("politie"))
    }

    @Test(arguments: [("d1", "ook"), (nil, nil)] as [(String?, String?)])
    func anAgendaItemWithNeitherOrBothNamesBothFields(dossierId: String?, topic: String?) {
        let command = Command.addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: dossierId, topic: topic)
        #expect(TextValidationTests.badFields(command) == ["dossierId", "topic"])
    }

    @Test func aPrincipalKeepsEachStadsdeelAndDepartmentOnce() throws {
        var scenario = S.standard()
        let records = try scenario.when(
            .registerPrincipal(
                principalId: "p1", name: "Piet", role: .department, stadsdelen: [S.noord, S.zuid, S.noord],
                departments: ["wonen", "politie", "wonen"], tokenHash: String(repeating: "a", count: 64)),
            by: S.admin
        ).get()
        #expect(records.first?.data["stadsdelen"] == .array([.string(S.noord), .string(S.zuid)]))
        #expect(records.first?.data["departments"] == .array([.string("wonen"), .string("politie")]))
        #expect(scenario.model.principals["p1"]?.departments == ["wonen", "politie"])
    }

    @Test(arguments: [
        ("BU09350101", "stadsdeel", ["code"]), ("WK093501", "buurt", ["code"]), ("GM0935", "wijk", ["code"]),
        ("WK093501", "wijk", []), ("BU09350101", "buurt", []), ("SD-west", "stadsdeel", []),
    ])
    func aCBSCodeMustMatchItsKind(code: String, kind: String, fields: [String]) {
        #expect(TextValidationTests.badFields(.defineArea(code: code, name: "Gebied", kind: kind, parent: nil)) == fields)
    }

    @Test func movingAnItemToItsOwnPlaceOrSettingTheSameDeadlineDecidesNothing() throws {
        var scenario = S.standard()
        scenario.given(
            AgendaItemAdded(meetingId: "m1", itemId: "a", topic: "Eerste"), AgendaItemAdded(meetingId: "m1", itemId: "b", topic: "Tweede"))
        #expect(try scenario.when(.moveAgendaItem(meetingId: "m1", itemId: "b", position: 2), by: S.regisseur).get() == [])
        #expect(try scenario.when(.setDeadline(dossierId: "d1", deadline: "2026-12-01"), by: S.regisseur).get() == [])
        #expect(try scenario.when(.moveAgendaItem(meetingId: "m1", itemId: "b", position: 1), by: S.regisseur).get().count == 1)
        // The checks still run first: a closed meeting refuses even a move to the same place.
        scenario.given(MeetingClosed(meetingId: "m1"))
        #expect(scenario.when(.moveAgendaItem(meetingId: "m1", itemId: "b", position: 1), by: S.regisseur).rule == Rule.meetingClosed)
    }

    @Test func aCommandThatChangesNothingAppendsNothingAndAnswersTheCurrentVersion() async throws {
        let (service, store) = try await CoordinationServiceTests.service()
        let set = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: S.regisseur)
        let head = try await store.head().position
        let again = try await service.execute(.setDeadline(dossierId: "d1", deadline: "2027-01-31"), by: S.regisseur, requestId: "r-same")
        #expect(again == AppendResult(stream: "dossier-d1", version: set.version, positions: []))
        #expect(try await store.head().position == head)
        await store.close()
    }
}
