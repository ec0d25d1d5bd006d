import Coordination
import Events
import Projections
import Testing

/// The verslag (`MeetingView`), the meeting list (`MeetingListView`) and the rule for the
/// next meeting (`agenda.get`'s default, `table.list`'s `nextMeeting`), rendered from a
/// model: notes and every new free text shown, erased texts as `null` with `erased`, items
/// on dossiers the reader may not read with the agenda's limited fields only.
@Suite struct MeetingViewTests {
    typealias S = Scenario

    /// Reads inline texts, except the ones whose text is in `erased`: those read as erased.
    struct ErasingReader: TextReader {
        var erased: Set<String>
        func reading(_ text: FreeText) -> TextReading {
            guard let inline = text.inline else { return .unavailable }
            return erased.contains(inline) ? .erased(at: Timestamp(millisecondsSinceEpoch: 0), reason: "AVG-verzoek") : .live(inline)
        }
    }

    /// m1 (2026-12-03) with items a (d1, Wonen's), b (d2, Openbare Ruimte's, confidential),
    /// c (a topic, late); attendance; discussion notes on each; decisions on d1 and d2; an
    /// escalation of d1 raised on the meeting's date; m1 closed, its minutes approved and
    /// a's notes amended; m2 cancelled, m3 ahead.
    static func scenario() -> Scenario {
        var scenario = S.standard()
        scenario.given(
            DossierRaised(dossierId: "d2", tableId: "t1", title: "Zorgmijder Markt"),
            DepartmentAssigned(dossierId: "d2", departmentId: "openbare-ruimte", role: "lead"),
            DossierConfidentialitySet(dossierId: "d2", confidential: true, reason: FreeText(inline: "zorg")),
            AgendaItemAdded(meetingId: "m1", itemId: "a", dossierId: "d1"),
            AgendaItemAdded(meetingId: "m1", itemId: "b", dossierId: "d2"),
            AgendaFinalised(meetingId: "m1"),
            AgendaItemAdded(meetingId: "m1", itemId: "c", topic: "Nagekomen", late: true),
            MeetingAttendanceRecorded(meetingId: "m1", departmentId: "wonen", presence: "present", delegate: FreeText(inline: "J. de Vries")),
            MeetingAttendanceRecorded(meetingId: "m1", departmentId: "politie", presence: "excused"),
            DiscussionRecorded(meetingId: "m1", itemId: "a", notes: FreeText(inline: "notities-a")),
            DiscussionRecorded(meetingId: "m1", itemId: "b", notes: FreeText(inline: "geheime-notities-b")),
            DecisionTaken(decisionId: "b1", meetingId: "m1", text: FreeText(inline: "besluit-d1"), ownerDepartment: "wonen", dossierId: "d1"),
            DecisionTaken(decisionId: "b2", meetingId: "m1", text: FreeText(inline: "besluit-d2"), ownerDepartment: "openbare-ruimte", dossierId: "d2"),
            MeetingClosed(meetingId: "m1"),
            MinutesApproved(meetingId: "m1"),
            NotesAmended(meetingId: "m1", itemId: "a", notes: FreeText(inline: "notities-a-verbeterd"), reason: FreeText(inline: "naam fout")),
            MeetingScheduled(meetingId: "m2", tableId: "t1", date: "2026-12-17"),
            MeetingCancelled(meetingId: "m2", reason: FreeText(inline: "geen quorum")),
            MeetingScheduled(meetingId: "m3", tableId: "t1", date: "2027-01-14", location: "Stadhuis"),
            MeetingRescheduled(meetingId: "m3", date: "2027-01-21", reason: FreeText(inline: "zaal bezet"))
        )
        return scenario
    }

    static func verslag(_ model: CoordinationModel, as principal: ActingPrincipal, texts: any TextReader = InlineTextReader()) -> JSONValue? {
        let everything = principal.role == .admin
        let confidential: Set<String> = ["d2"]
        let readable: Set<String> = everything ? ["d1", "d2"] : ["d1"]
        return MeetingView.render(
            "m1", in: model, today: "2026-12-10", mayRead: { readable.contains($0.dossierId) },
            mayReadTitle: { !confidential.contains($0.dossierId) || readable.contains($0.dossierId) },
            mayReadDecision: { $0.dossierId.map(readable.contains) ?? true }, texts: texts)
    }

    static func text(_ value: JSONValue?) -> String { String(decoding: value?.canonicalBytes ?? [], as: UTF8.self) }

    @Test func theVerslagHoldsAttendanceNotesLateItemsTheBesluitenlijstAndTheAmendment() throws {
        let scenario = Self.scenario()
        let verslag = try #require(Self.verslag(scenario.model, as: S.admin))
        #expect(verslag["meeting"]?["status"] == "closed" && verslag["meeting"]?["finalised"] == true && verslag["meeting"]?["minutesApproved"] == true)
        #expect(verslag["attendance"]?.arrayValue?.compactMap { $0["departmentId"] } == ["wonen", "politie"])
        #expect(verslag["attendance"]?.arrayValue?.first?["delegate"] == "J. de Vries")
        let items = verslag["items"]?.arrayValue ?? []
        #expect(items.compactMap { $0["itemId"] } == ["a", "b", "c"])
        #expect(items.first?["notes"] == "notities-a-verbeterd" && items.first?["amendments"]?.arrayValue?.first?["reason"] == "naam fout")
        #expect(items.last?["late"] == true && items.last?["title"] == "Nagekomen" && items.first?["late"] == false)
        #expect(items.last?["carriedOverTo"] == .null, "no carry-over follow-up ran in this scenario")
        #expect(verslag["decisionsTaken"]?.arrayValue?.compactMap { $0["decisionId"] } == ["b1", "b2"])
    }

    @Test func anItemOnADossierTheReaderMayNotReadShowsTheLimitedFieldsAndNoNotes() throws {
        let scenario = Self.scenario()
        let verslag = try #require(Self.verslag(scenario.model, as: S.wonen))
        let restricted = try #require(verslag["items"]?.arrayValue?[1])
        #expect(Set(restricted.objectMembers?.map(\.0) ?? []) == ["itemId", "position", "dossierId", "title", "overallStatus", "overdue", "carriedOver"])
        #expect(restricted["title"] == .string(AgendaView.confidentialTitle))
        #expect(!Self.text(verslag).contains("geheime-notities-b") && !Self.text(verslag).contains("Zorgmijder") && !Self.text(verslag).contains("besluit-d2"))
        #expect(verslag["items"]?.arrayValue?.first?["notes"] == "notities-a-verbeterd")
        #expect(verslag["decisionsTaken"]?.arrayValue?.compactMap { $0["decisionId"] } == ["b1"])
    }

    @Test func erasedTextsReadNullWithTheErasedMarker() throws {
        let scenario = Self.scenario()
        let reader = ErasingReader(erased: ["notities-a-verbeterd", "J. de Vries", "naam fout"])
        let verslag = try #require(Self.verslag(scenario.model, as: S.admin, texts: reader))
        let first = verslag["items"]?.arrayValue?.first
        #expect(first?["notes"] == .null && first?["erased"]?["notes"]?["reason"] == "AVG-verzoek")
        #expect(first?["amendments"]?.arrayValue?.first?["reason"] == .null && first?["amendments"]?.arrayValue?.first?["erased"]?["reason"] != nil)
        let wonen = verslag["attendance"]?.arrayValue?.first
        #expect(wonen?["delegate"] == .null && wonen?["erased"]?["delegate"] != nil)
        let cancelled = try #require(MeetingView.render(
            "m2", in: scenario.model, today: "2026-12-10", mayRead: { _ in true }, mayReadTitle: { _ in true }, mayReadDecision: { _ in true },
            texts: ErasingReader(erased: ["geen quorum"])))
        #expect(cancelled["meeting"]?["cancelReason"] == .null && cancelled["meeting"]?["erased"]?["cancelReason"] != nil)
    }

    @Test func escalationsRaisedOnTheMeetingDateOfItsDossiersAreListed() throws {
        var scenario = S.standard()
        scenario.given(AgendaItemAdded(meetingId: "m1", itemId: "a", dossierId: "d1"))
        // Scenario events are recorded from 2026-11-18 on; the meeting is moved onto that day.
        let day = Timestamp(millisecondsSinceEpoch: 1_795_000_000_000 + (scenario.position + 2) * 1000).amsterdamDate
        scenario.given(
            MeetingRescheduled(meetingId: "m1", date: day, reason: FreeText(inline: "eerder")),
            DossierEscalated(dossierId: "d1", to: "college", reason: FreeText(inline: "budget")))
        let verslag = try #require(MeetingView.render(
            "m1", in: scenario.model, today: day, mayRead: { _ in true }, mayReadTitle: { _ in true }, mayReadDecision: { _ in true }, texts: InlineTextReader()))
        #expect(verslag["escalationsRaised"]?.arrayValue?.compactMap { $0["reason"] } == ["budget"])
        let hidden = try #require(MeetingView.render(
            "m1", in: scenario.model, today: day, mayRead: { _ in false }, mayReadTitle: { _ in true }, mayReadDecision: { _ in true }, texts: InlineTextReader()))
        #expect(hidden["escalationsRaised"]?.arrayValue?.isEmpty == true)
        scenario.given(MeetingRescheduled(meetingId: "m1", date: "2030-01-01", reason: FreeText(inline: "later")))
        let otherDay = try #require(MeetingView.render(
            "m1", in: scenario.model, today: day, mayRead: { _ in true }, mayReadTitle: { _ in true }, mayReadDecision: { _ in true }, texts: InlineTextReader()))
        #expect(otherDay["escalationsRaised"]?.arrayValue?.isEmpty == true, "raised on another day than the meeting's")
    }

    @Test func theListHoldsEveryMeetingInDateOrderAndFilters() {
        let model = Self.scenario().model
        func ids(_ from: String? = nil, _ until: String? = nil, _ status: String? = nil) -> [String] {
            let list = MeetingListView.render(tableId: "t1", in: model, from: from, until: until, status: status, mayReadDecision: { $0.dossierId != "d2" })
            return list["meetings"]?.arrayValue?.compactMap { if case let .string(id)? = $0["meetingId"] { return id } else { return nil } } ?? []
        }
        #expect(ids() == ["m1", "m2", "m3"])
        #expect(ids("2026-12-17") == ["m2", "m3"] && ids(nil, "2026-12-17") == ["m1", "m2"] && ids("2026-12-04", "2027-01-20") == ["m2"])
        #expect(ids(nil, nil, "cancelled") == ["m2"] && ids(nil, nil, "closed") == ["m1"] && ids(nil, nil, "scheduled") == ["m3"])
        let first = MeetingListView.render(tableId: "t1", in: model, from: nil, until: nil, status: nil, mayReadDecision: { $0.dossierId != "d2" })["meetings"]?.arrayValue?.first
        #expect(first?["items"] == 3 && first?["discussed"] == 2 && first?["decisionsTaken"] == 1)
        #expect(MeetingListView.render(tableId: "t1", in: model, from: nil, until: nil, status: nil, mayReadDecision: { _ in true })["meetings"]?.arrayValue?.last?["date"] == "2027-01-21")
    }

    @Test func theNextMeetingIsTheEarliestOnOrAfterTodayThatIsNeitherClosedNorCancelled() {
        let model = Self.scenario().model
        func agenda(_ today: String) -> JSONValue? {
            AgendaView.render(
                tableId: "t1", meetingId: nil, in: model, today: today, mayRead: { _ in true }, mayReadTitle: { _ in true },
                mayReadDecision: { _ in true }, texts: InlineTextReader())?["meeting"]?["meetingId"]
        }
        #expect(agenda("2026-11-01") == "m3", "m1 is closed and m2 cancelled")
        #expect(agenda("2027-01-21") == "m3", "on the day itself")
        #expect(agenda("2027-01-22") == nil, "nothing ahead")
        #expect(model.upcomingMeeting(ofTable: "t1", today: "2027-01-22") == nil)
        let tables = TableListView.render(in: model, stadsdeel: nil, today: "2026-12-01", visible: { _ in true })
        #expect(tables["tables"]?.arrayValue?.first?["nextMeeting"]?["meetingId"] == "m3")
        #expect(TableListView.render(in: model, stadsdeel: nil, today: "2027-02-01", visible: { _ in true })["tables"]?.arrayValue?.first?["nextMeeting"] == .null)
        let cancelled = AgendaView.render(
            tableId: "t1", meetingId: "m2", in: model, today: "2026-12-01", mayRead: { _ in true }, mayReadTitle: { _ in true },
            mayReadDecision: { _ in true }, texts: InlineTextReader())
        #expect(cancelled?["meeting"]?["status"] == "cancelled")
    }
}
