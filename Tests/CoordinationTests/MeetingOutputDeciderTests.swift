import Coordination
import Events
import Projections
import Testing

/// The meeting commands of the table's output, given/when/then: each new rule once refusing
/// and once allowing (`meeting_cancelled`, `agenda_final`, `attendee_not_member`,
/// `minutes_approved`, `meeting_not_closed`, and `meeting_closed` for rescheduling and
/// cancelling), carry-over after a cancellation, and every new free text sealed.
@Suite struct MeetingOutputDeciderTests {
    typealias S = Scenario

    static let seed: [UInt8] = Array(repeating: 9, count: 32)

    static func decide(_ command: Command, on model: CoordinationModel) throws(DomainError) -> Decided {
        try CommandValidation.validate(command)
        return try Decider.decide(command, by: S.regisseur, on: model, sealer: TextSealer(seed: seed))
    }

    /// The standard scenario with two items on m1: dossier d1 (`a`) and topic `b`.
    static func withAgenda() -> Scenario {
        var scenario = S.standard()
        scenario.when(.addAgendaItem(meetingId: "m1", itemId: "a", dossierId: "d1", topic: nil), by: S.regisseur)
        scenario.when(.addAgendaItem(meetingId: "m1", itemId: "b", dossierId: nil, topic: "Rondvraag"), by: S.regisseur)
        return scenario
    }

    @Test func aCancelledMeetingTakesNoChange() {
        var scenario = Self.withAgenda()
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "c", dossierId: nil, topic: "Extra"), by: S.regisseur).succeeded)
        #expect(scenario.when(.cancelMeeting(meetingId: "m1", reason: "Geen quorum"), by: S.regisseur).succeeded)
        #expect(scenario.model.meetings["m1"]?.status == "cancelled")
        for command: Command in [
            .addAgendaItem(meetingId: "m1", itemId: "d", dossierId: nil, topic: "Nog een"),
            .recordDiscussion(meetingId: "m1", itemId: "a", notes: "n"),
            .closeMeeting(meetingId: "m1"),
            .cancelMeeting(meetingId: "m1", reason: "Nog eens"),
            .rescheduleMeeting(meetingId: "m1", date: "2027-01-01", location: nil, reason: "r"),
            .finaliseAgenda(meetingId: "m1"),
            .recordAttendance(meetingId: "m1", departmentId: "wonen", presence: "present", delegate: nil),
            .approveMinutes(meetingId: "m1"),
            .amendNotes(meetingId: "m1", itemId: "a", notes: "n", reason: "r"),
        ] {
            #expect(scenario.when(command, by: S.regisseur).rule == Rule.meetingCancelled, "\(command)")
        }
    }

    @Test func cancellingCarriesTheItemsToTheNextMeetingThatIsNeitherClosedNorCancelled() {
        var scenario = Self.withAgenda()
        scenario.when(.scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2026-12-10", location: nil), by: S.regisseur)
        scenario.when(.scheduleMeeting(meetingId: "m3", tableId: "t1", date: "2027-01-07", location: nil), by: S.regisseur)
        #expect(scenario.when(.cancelMeeting(meetingId: "m2", reason: "Feestdag"), by: S.regisseur).succeeded)
        let result = scenario.when(.cancelMeeting(meetingId: "m1", reason: "Geen quorum"), by: S.regisseur)
        #expect((try? result.get())?.map(\.type) == ["MeetingCancelled", "AgendaItemCarriedOver", "AgendaItemCarriedOver"])
        #expect(scenario.model.meetings["m3"]?.items.map(\.itemId) == ["a", "b"])
        #expect(scenario.model.meetings["m3"]?.items.allSatisfy { $0.carriedOverFrom == "m1" } == true)
        #expect(scenario.model.meetings["m1"]?.items.map(\.carriedOverTo) == ["m3", "m3"])
        #expect(scenario.model.meetings["m2"]?.items.isEmpty == true, "a cancelled meeting receives nothing")
    }

    @Test func cancellingWithoutANextMeetingLeavesTheItemsForTheNextSchedule() {
        var scenario = Self.withAgenda()
        #expect(scenario.when(.cancelMeeting(meetingId: "m1", reason: "Geen quorum"), by: S.regisseur).succeeded)
        let scheduled = scenario.when(.scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2027-01-07", location: nil), by: S.regisseur)
        #expect((try? scheduled.get())?.map(\.type) == ["MeetingScheduled", "AgendaItemCarriedOver", "AgendaItemCarriedOver"])
    }

    @Test func aMeetingRescheduledPastAClosedOneReceivesItsWaitingItems() {
        var scenario = Self.withAgenda()
        scenario.when(.scheduleMeeting(meetingId: "m0", tableId: "t1", date: "2026-11-20", location: nil), by: S.regisseur)
        let closed = scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur)
        #expect((try? closed.get())?.map(\.type) == ["MeetingClosed"], "no meeting on or after m1 yet")
        let moved = scenario.when(.rescheduleMeeting(meetingId: "m0", date: "2026-12-10", location: nil, reason: "Later"), by: S.regisseur)
        #expect((try? moved.get())?.map(\.type) == ["MeetingRescheduled", "AgendaItemCarriedOver", "AgendaItemCarriedOver"])
        #expect(scenario.model.meetings["m0"]?.items.map(\.carriedOverFrom) == ["m1", "m1"])
    }

    @Test func aReasonAndNotesAndADelegateAreSealedBesideTheLog() throws {
        var scenario = Self.withAgenda()
        let cancelled = try Self.decide(.cancelMeeting(meetingId: "m1", reason: "Wethouder ziek"), on: scenario.model)
        var sealer = TextSealer(seed: Self.seed)
        #expect(cancelled.records == [EventRecord(MeetingCancelled(meetingId: "m1", reason: sealer.seal("Wethouder ziek")))])
        #expect(cancelled.texts.map(\.text) == ["Wethouder ziek"])
        let attended = try Self.decide(.recordAttendance(meetingId: "m1", departmentId: "wonen", presence: "present", delegate: "J. de Vries"), on: scenario.model)
        #expect(attended.texts.map(\.text) == ["J. de Vries"])
        #expect(attended.records.first?.data.canonicalString.contains("Vries") == false)
        scenario.when(.recordDiscussion(meetingId: "m1", itemId: "a", notes: "Eerste versie"), by: S.regisseur)
        let amended = try Self.decide(.amendNotes(meetingId: "m1", itemId: "a", notes: "Tweede versie", reason: "Naam gecorrigeerd"), on: scenario.model)
        #expect(amended.texts.map(\.text) == ["Tweede versie", "Naam gecorrigeerd"])
        #expect(amended.records.first.map { !$0.data.canonicalString.contains("versie") && !$0.data.canonicalString.contains("Naam") } == true)
        let moved = try Self.decide(.rescheduleMeeting(meetingId: "m1", date: "2026-12-04", location: "Stadhuis", reason: "Zaal bezet"), on: scenario.model)
        #expect(moved.texts.map(\.text) == ["Zaal bezet"])
        #expect(moved.records.first?.data["location"] == "Stadhuis", "a location is short text, not personal data")
    }

    @Test func afterFinalisingAnItemNeedsLateAndIsMarkedLate() {
        var scenario = Self.withAgenda()
        let before = scenario.when(.addAgendaItem(meetingId: "m1", itemId: "c", dossierId: nil, topic: "Voor de agenda", late: true), by: S.regisseur)
        #expect(before.succeeded)
        #expect(scenario.model.meetings["m1"]?.items.last?.late == false, "before finalising no item is late")
        #expect((try? scenario.when(.finaliseAgenda(meetingId: "m1"), by: S.regisseur).get())?.map(\.type) == ["AgendaFinalised"])
        #expect((try? scenario.when(.finaliseAgenda(meetingId: "m1"), by: S.regisseur).get())?.isEmpty == true, "final already: nothing appended")
        #expect(scenario.when(.addAgendaItem(meetingId: "m1", itemId: "d", dossierId: nil, topic: "Te laat"), by: S.regisseur).rule == Rule.agendaFinal)
        let late = scenario.when(.addAgendaItem(meetingId: "m1", itemId: "d", dossierId: nil, topic: "Te laat", late: true), by: S.regisseur)
        #expect((try? late.get()) == [EventRecord(AgendaItemAdded(meetingId: "m1", itemId: "d", topic: "Te laat", late: true))])
        #expect(scenario.model.meetings["m1"]?.items.last?.late == true)
    }

    @Test func attendanceIsForDepartmentsAtTheTable() {
        var scenario = Self.withAgenda()
        #expect(scenario.when(.recordAttendance(meetingId: "m1", departmentId: "verkeer", presence: "present", delegate: nil), by: S.regisseur).rule == Rule.attendeeNotMember)
        #expect(scenario.when(.recordAttendance(meetingId: "m1", departmentId: "nope", presence: "present", delegate: nil), by: S.regisseur).kind == .notFound)
        #expect(scenario.when(.recordAttendance(meetingId: "m1", departmentId: "wonen", presence: "bijna", delegate: nil), by: S.regisseur).kind == .invalidParams)
        #expect(scenario.when(.recordAttendance(meetingId: "m1", departmentId: "wonen", presence: "absent", delegate: nil), by: S.regisseur).succeeded)
        #expect(scenario.when(.recordAttendance(meetingId: "m1", departmentId: "politie", presence: "excused", delegate: nil), by: S.regisseur).succeeded)
        #expect(scenario.when(.recordAttendance(meetingId: "m1", departmentId: "wonen", presence: "present", delegate: "Wijkmanager"), by: S.regisseur).succeeded)
        #expect(scenario.model.meetings["m1"]?.attendance.map(\.presence) == ["present", "excused"], "the later record of a department counts")
        scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur)
        #expect(scenario.when(.recordAttendance(meetingId: "m1", departmentId: "openbare-ruimte", presence: "absent", delegate: nil), by: S.regisseur).succeeded, "filled in after the meeting")
        scenario.when(.approveMinutes(meetingId: "m1"), by: S.regisseur)
        #expect(scenario.when(.recordAttendance(meetingId: "m1", departmentId: "openbare-ruimte", presence: "present", delegate: nil), by: S.regisseur).rule == Rule.minutesApproved)
    }

    @Test func minutesAreApprovedOnceAfterClosingAndThenChangeOnlyByAmendment() {
        var scenario = Self.withAgenda()
        scenario.when(.recordDiscussion(meetingId: "m1", itemId: "a", notes: "Eerste versie"), by: S.regisseur)
        #expect(scenario.when(.approveMinutes(meetingId: "m1"), by: S.regisseur).rule == Rule.meetingNotClosed)
        scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur)
        #expect(scenario.when(.approveMinutes(meetingId: "m1"), by: S.regisseur).succeeded)
        #expect(scenario.model.meetings["m1"]?.minutesApproved == true)
        #expect(scenario.when(.approveMinutes(meetingId: "m1"), by: S.regisseur).rule == Rule.minutesApproved)
        #expect(scenario.when(.recordDiscussion(meetingId: "m1", itemId: "a", notes: "Stiekem"), by: S.regisseur).rule == Rule.minutesApproved)
        #expect(scenario.when(.amendNotes(meetingId: "m1", itemId: "a", notes: "Tweede versie", reason: "Correctie"), by: S.regisseur).succeeded)
        #expect(scenario.when(.amendNotes(meetingId: "m1", itemId: "zz", notes: "n", reason: "r"), by: S.regisseur).kind == .notFound)
        #expect(scenario.when(.amendNotes(meetingId: "m1", itemId: "a", notes: " ", reason: "r"), by: S.regisseur).kind == .invalidParams)
        let item = scenario.model.meetings["m1"]?.items.first
        #expect(item?.notes?.inline == nil && item?.notes != nil && item?.amendments.count == 1)
    }

    @Test func closedMeetingsAreNeitherRescheduledNorCancelled() {
        var scenario = Self.withAgenda()
        #expect(scenario.when(.rescheduleMeeting(meetingId: "m1", date: "2026-12-10", location: "Wijkcentrum", reason: "Zaal bezet"), by: S.regisseur).succeeded)
        #expect(scenario.model.meetings["m1"]?.date == "2026-12-10" && scenario.model.meetings["m1"]?.location == "Wijkcentrum")
        #expect(scenario.model.meetings["m1"]?.reschedules.map(\.from) == ["2026-12-03"])
        #expect((try? scenario.when(.rescheduleMeeting(meetingId: "m1", date: "2026-12-10", location: nil, reason: "Nogmaals"), by: S.regisseur).get())?.isEmpty == true)
        scenario.when(.closeMeeting(meetingId: "m1"), by: S.regisseur)
        #expect(scenario.when(.rescheduleMeeting(meetingId: "m1", date: "2026-12-11", location: nil, reason: "r"), by: S.regisseur).rule == Rule.meetingClosed)
        #expect(scenario.when(.cancelMeeting(meetingId: "m1", reason: "r"), by: S.regisseur).rule == Rule.meetingClosed)
        #expect(scenario.when(.finaliseAgenda(meetingId: "m1"), by: S.regisseur).rule == Rule.meetingClosed)
    }

    @Test func checksRunInTheOrderOfTheReference() {
        var scenario = Self.withAgenda()
        scenario.when(.cancelMeeting(meetingId: "m1", reason: "r"), by: S.regisseur)
        #expect(scenario.when(.cancelMeeting(meetingId: "m-nope", reason: " "), by: S.wonen).kind == .invalidParams)
        #expect(scenario.when(.cancelMeeting(meetingId: "m-nope", reason: "r"), by: S.wonen).kind == .notFound)
        #expect(scenario.when(.cancelMeeting(meetingId: "m1", reason: "r"), by: S.otherRegisseur, expectedVersion: 99).kind == .forbidden)
        #expect(scenario.when(.cancelMeeting(meetingId: "m1", reason: "r"), by: S.admin, expectedVersion: 99).kind == .conflict)
        #expect(scenario.when(.cancelMeeting(meetingId: "m1", reason: "r"), by: S.admin).rule == Rule.meetingCancelled)
    }
}
