import Coordination
import Events
import Projections
import Testing

/// A closed dossier takes no agenda placement until reopened: closing a meeting or
/// scheduling the next one does not carry it over.
@Suite struct ClosedDossierCarryOverTests {
    typealias S = Scenario

    static func scenario() -> Scenario {
        var scenario = S.standard()
        scenario.given(
            DossierRaised(dossierId: "d2", tableId: "t1", title: "Graffiti"),
            AgendaItemAdded(meetingId: "m1", itemId: "i1", dossierId: "d1"),
            AgendaItemAdded(meetingId: "m1", itemId: "i2", dossierId: "d2"),
            AgendaItemAdded(meetingId: "m1", itemId: "i3", topic: "Rondvraag"),
            DossierClosed(dossierId: "d2", resolution: FreeText(inline: "Opgelost")))
        return scenario
    }

    @Test func closingAMeetingLeavesAClosedDossierBehind() throws {
        var scenario = Self.scenario()
        scenario.given(MeetingScheduled(meetingId: "m2", tableId: "t1", date: "2027-01-07"))
        let records = try scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur).get()
        #expect(records.map(\.type) == ["MeetingClosed", "AgendaItemCarriedOver", "AgendaItemCarriedOver"])
        #expect(scenario.model.meetings["m2"]?.items.map(\.itemId) == ["i1", "i3"])
        #expect(Decider.carryOver(into: "m2", on: scenario.model)?.events.count == nil)
    }

    @Test func schedulingTheNextMeetingLeavesAClosedDossierBehind() throws {
        var scenario = Self.scenario()
        #expect(scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur).succeeded)
        let records = try scenario.when(
            .scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2027-01-07", location: nil), by: S.regisseur
        ).get()
        #expect(records.map(\.type) == ["MeetingScheduled", "AgendaItemCarriedOver", "AgendaItemCarriedOver"])
        #expect(scenario.model.meetings["m2"]?.items.compactMap(\.dossierId) == ["d1"])
    }

    /// The carry-over read the dossiers it skipped or placed: closing one of them before the
    /// append lands makes it stale.
    @Test func theCarryOverIsConditionedOnTheDossiersItJudged() throws {
        var scenario = Self.scenario()
        scenario.given(MeetingScheduled(meetingId: "m2", tableId: "t1", date: "2027-01-07"), MeetingClosed(meetingId: "m1"))
        let part = try #require(Decider.carryOver(into: "m2", on: scenario.model))
        #expect(part.conditions == [
            "dossier-d1": scenario.model.version(of: "dossier-d1"), "dossier-d2": scenario.model.version(of: "dossier-d2"),
        ])
    }
}
