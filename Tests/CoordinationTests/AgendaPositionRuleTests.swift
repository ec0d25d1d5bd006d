import Coordination
import Events
import Projections
import Testing

/// `position_beyond_items`: an agenda item moves to a position the agenda has. It depends on
/// the agenda, so it is a rule: judged after role and expected version, not with the params.
@Suite struct AgendaPositionRuleTests {
    typealias S = Scenario

    static func twoItems() -> Scenario {
        var scenario = S.standard()
        scenario.given(
            AgendaItemAdded(meetingId: "m1", itemId: "i1", topic: "Opening"),
            AgendaItemAdded(meetingId: "m1", itemId: "i2", topic: "Rondvraag"))
        return scenario
    }

    @Test func aPositionPastTheItemsIsRefusedAndTheLastOneAllowed() {
        var scenario = Self.twoItems()
        #expect(scenario.when(.moveAgendaItem(meetingId: "m1", itemId: "i1", position: 3), by: S.regisseur).rule == Rule.positionBeyondItems)
        #expect(
            scenario.when(.moveAgendaItem(meetingId: "m1", itemId: "i1", position: 2), by: S.regisseur)
                == .success([EventRecord(AgendaItemMoved(meetingId: "m1", itemId: "i1", position: 2))]))
        #expect(scenario.model.meetings["m1"]?.items.map(\.itemId) == ["i2", "i1"])
    }

    @Test func roleAndExpectedVersionAreJudgedFirst() {
        var scenario = Self.twoItems()
        let beyond = Command.moveAgendaItem(meetingId: "m1", itemId: "i1", position: 3)
        #expect(scenario.when(beyond, by: S.otherRegisseur).kind == .forbidden)
        #expect(scenario.when(beyond, by: S.regisseur, expectedVersion: 1).kind == .conflict)
    }
}
