import Coordination
import Events
import Projections
import Testing

/// Every business rule of the RPC reference: once refusing, once allowing.
@Suite struct DeciderRuleTests {
    typealias S = Scenario

    @Test func aDepartmentUpdatesOnlyItsOwnStatusOnDossiersAssignedToIt() throws {
        var scenario = S.standard()
        // then: its own status on an assigned dossier is an event with the note, sealed
        var sealer = scenario.nextSealer
        let own = scenario.when(.updateStatus(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: "Schouw gepland"), by: S.wonen)
        #expect(try own.get() == [EventRecord(DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: sealer.seal("Schouw gepland")))])
        #expect(sealer.sealed.map(\.text) == ["Schouw gepland"])
        // another department's status: refused by the rule
        let other = scenario.when(.updateStatus(dossierId: "d1", departmentId: "politie", status: "done", note: nil), by: S.wonen)
        #expect(other.rule == Rule.departmentOwnStatus)
        // a member department that is not assigned: refused by the rule
        let unassigned = scenario.when(.updateStatus(dossierId: "d1", departmentId: "openbare-ruimte", status: "done", note: nil), by: S.openbareRuimte)
        #expect(unassigned.rule == Rule.departmentOwnStatus)
        // the regisseur may update any assigned department's status
        #expect(scenario.when(.updateStatus(dossierId: "d1", departmentId: "politie", status: "blocked", note: nil), by: S.regisseur).succeeded)
        #expect(scenario.model.dossiers["d1"]?.overallStatus == "blocked")
    }

    @Test func aClosedDossierTakesNoStatusAssignmentOrAgendaUntilReopened() {
        var scenario = S.standard()
        scenario.when(.closeDossier(dossierId: "d1", resolution: "Opgelost met extra verlichting"), by: S.regisseur)
        #expect(scenario.when(.updateStatus(dossierId: "d1", departmentId: "wonen", status: "done", note: nil), by: S.wonen).rule == Rule.dossierClosed)
        #expect(scenario.when(.assignDepartment(dossierId: "d1", departmentId: "openbare-ruimte", role: "contributor"), by: S.regisseur).rule == Rule.dossierClosed)
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: nil), by: S.regisseur).rule == Rule.dossierClosed)
        #expect(scenario.when(.reopenDossier(dossierId: "d1", reason: "Klachten terug"), by: S.regisseur).succeeded)
        #expect(scenario.when(.updateStatus(dossierId: "d1", departmentId: "wonen", status: "in_progress", note: nil), by: S.wonen).succeeded)
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: nil), by: S.regisseur).succeeded)
    }

    @Test func aDossierCannotCloseWhileAnEscalationIsOpen() {
        var scenario = S.standard()
        #expect(scenario.when(.escalate(dossierId: "d1", to: "stadsdeelwethouder", reason: "Geen budget"), by: S.regisseur).succeeded)
        #expect(scenario.when(.escalate(dossierId: "d1", to: "college", reason: "Nog eens"), by: S.regisseur).rule == Rule.escalationOpen)
        #expect(scenario.when(.closeDossier(dossierId: "d1", resolution: "klaar"), by: S.regisseur).rule == Rule.escalationOpen)
        #expect(scenario.model.dossiers["d1"]?.overallStatus == "escalated")
        #expect(scenario.when(.resolveEscalation(dossierId: "d1", outcome: "Budget toegekend"), by: S.wethouder).succeeded)
        #expect(scenario.when(.resolveEscalation(dossierId: "d1", outcome: "nogmaals"), by: S.wethouder).rule == Rule.noOpenEscalation)
        #expect(scenario.when(.closeDossier(dossierId: "d1", resolution: "klaar"), by: S.regisseur).succeeded)
    }

    @Test func agendaItemsChangeOnlyWhileTheMeetingIsOpen() {
        var scenario = S.standard()
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: nil, topic: "Rondvraag"), by: S.regisseur).succeeded)
        #expect(scenario.when(.recordDiscussion(meetingId: "m1", itemId: "i1", notes: "besproken"), by: S.regisseur).succeeded)
        #expect(scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur).succeeded)
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "i2", dossierId: nil, topic: "Te laat"), by: S.regisseur).rule == Rule.meetingClosed)
        #expect(scenario.when(.removeAgendaItem(meetingId: "m1", itemId: "i1"), by: S.regisseur).rule == Rule.meetingClosed)
        #expect(scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur).rule == Rule.meetingClosed)
    }

    @Test func aDossierAppearsAtMostOncePerAgenda() {
        var scenario = S.standard()
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: nil), by: S.regisseur).succeeded)
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "i2", dossierId: "d1", topic: nil), by: S.regisseur).rule == Rule.dossierOncePerAgenda)
        #expect(scenario.when(.removeAgendaItem(meetingId: "m1", itemId: "i1"), by: S.regisseur).succeeded)
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "i2", dossierId: "d1", topic: nil), by: S.regisseur).succeeded)
    }

    @Test func onlyMembersOfTheTableAreAssignedItsDossiers() {
        var scenario = S.standard()
        #expect(scenario.when(.assignDepartment(dossierId: "d1", departmentId: "verkeer", role: "contributor"), by: S.regisseur).rule == Rule.assigneeNotMember)
        #expect(scenario.when(.addTableMember(tableId: "t1", departmentId: "verkeer"), by: S.regisseur).succeeded)
        #expect(scenario.when(.assignDepartment(dossierId: "d1", departmentId: "verkeer", role: "contributor"), by: S.regisseur).succeeded)
        #expect(scenario.when(.assignDepartment(dossierId: "d1", departmentId: "verkeer", role: "lead"), by: S.regisseur).rule == Rule.singleLead)
    }

    @Test func closingAMeetingCarriesUndiscussedItemsToTheTopOfTheNextMeeting() throws {
        var scenario = S.standard()
        scenario.given(
            DossierRaised(dossierId: "d2", tableId: "t1", title: "Parkeeroverlast"),
            MeetingScheduled(meetingId: "m2", tableId: "t1", date: "2027-01-07"))
        scenario.when(.addAgendaItem(meetingId: "m1", itemId: "a", dossierId: "d1", topic: nil), by: S.regisseur)
        scenario.when(.addAgendaItem(meetingId: "m1", itemId: "b", dossierId: nil, topic: "Evaluatie"), by: S.regisseur)
        scenario.when(.addAgendaItem(meetingId: "m1", itemId: "c", dossierId: "d2", topic: nil), by: S.regisseur)
        scenario.when(.addAgendaItem(meetingId: "m2", itemId: "x", dossierId: nil, topic: "Nieuw punt"), by: S.regisseur)
        scenario.when(.recordDiscussion(meetingId: "m1", itemId: "b", notes: nil), by: S.regisseur)
        let closed = scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur)
        #expect(try closed.get() == [
            EventRecord(MeetingClosed(meetingId: "m1")),
            EventRecord(AgendaItemCarriedOver(meetingId: "m2", itemId: "a", fromMeetingId: "m1", fromItemId: "a", dossierId: "d1", position: 1)),
            EventRecord(AgendaItemCarriedOver(meetingId: "m2", itemId: "c", fromMeetingId: "m1", fromItemId: "c", dossierId: "d2", position: 2)),
        ])
        let agenda = scenario.model.meetings["m2"]!.items
        #expect(agenda.map(\.itemId) == ["a", "c", "x"])
        #expect(agenda.map(\.carriedOverFrom) == ["m1", "m1", nil])
    }

    @Test func withoutANextMeetingItemsCarryOverWhenItIsScheduled() throws {
        var scenario = S.standard()
        scenario.when(.addAgendaItem(meetingId: "m1", itemId: "a", dossierId: "d1", topic: nil), by: S.regisseur)
        scenario.when(.addAgendaItem(meetingId: "m1", itemId: "b", dossierId: nil, topic: "Rondvraag"), by: S.regisseur)
        #expect(try scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur).get() == [EventRecord(MeetingClosed(meetingId: "m1"))])
        let scheduled = scenario.when(.scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2027-01-07", location: "Stadhuis"), by: S.regisseur)
        #expect(try scheduled.get().map(\.type) == ["MeetingScheduled", "AgendaItemCarriedOver", "AgendaItemCarriedOver"])
        #expect(scenario.model.meetings["m2"]!.items.map(\.itemId) == ["a", "b"])
        // carried once only: a third meeting inherits nothing
        let third = scenario.when(.scheduleMeeting(meetingId: "m3", tableId: "t1", date: "2027-02-04", location: nil), by: S.regisseur)
        #expect(try third.get().map(\.type) == ["MeetingScheduled"])
    }

    @Test func checksRunInTheContractsOrder() {
        var scenario = S.standard()
        // unknown object before forbidden: another stadsdeel's regisseur asking about a missing dossier
        #expect(scenario.when(.closeDossier(dossierId: "nope", resolution: "x"), by: S.otherRegisseur).kind == .notFound)
        // forbidden before conflict
        #expect(scenario.when(.closeDossier(dossierId: "d1", resolution: "x"), by: S.otherRegisseur, expectedVersion: 99).kind == .forbidden)
        // conflict before the business rule
        scenario.when(.escalate(dossierId: "d1", to: "college", reason: "r"), by: S.regisseur)
        let conflict = scenario.when(.closeDossier(dossierId: "d1", resolution: "x"), by: S.regisseur, expectedVersion: 1)
        #expect(conflict.kind == .conflict)
        if case let .failure(error) = conflict {
            #expect(error.expected == 1)
            #expect(error.actual == 4)
        }
        #expect(scenario.when(.closeDossier(dossierId: "d1", resolution: "x"), by: S.regisseur, expectedVersion: 4).rule == Rule.escalationOpen)
    }

    @Test(arguments: [
        (Command.raiseDossier(dossierId: "d9", tableId: "t1", title: "  ", summary: nil, area: nil, deadline: "2026-02-30"), ["title", "deadline"]),
        (Command.updateStatus(dossierId: "D1", departmentId: "wonen", status: "klaar", note: nil), ["dossierId", "status"]),
        (Command.addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d1", topic: "ook"), ["dossierId", "topic"]),
        (Command.setDeadline(dossierId: "d1", deadline: "01-12-2026"), ["deadline"]),
        (Command.escalate(dossierId: "d1", to: "burgemeester", reason: String(repeating: "x", count: 5000)), ["to", "reason"]),
    ])
    func badParametersNameEveryBadField(command: Command, fields: [String]) {
        var scenario = S.standard()
        let result = scenario.when(command, by: S.admin)
        #expect(result.kind == .invalidParams)
        if case let .failure(error) = result { #expect(error.fields == fields) }
    }
}
