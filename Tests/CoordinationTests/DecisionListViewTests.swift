import Coordination
import Events
import Projections
import Testing

/// `decision.list` as the view renders it: every filter of the contract, every state by
/// default, `overdue` driven by `today`, earliest due first with paging by cursor, and the
/// department's open decisions in `department.overview`.
@Suite struct DecisionListViewTests {
    typealias S = Scenario

    /// Decisions at t1 (m1) and t2 (m2): a1 due 12-05, a2 due 12-20 (wonen, on d1), a3
    /// without due, a4 completed, a5 withdrawn, z1 at table t2 (verkeer).
    static func world() -> Scenario {
        var scenario = S.standard()
        scenario.given(
            MeetingScheduled(meetingId: "m2", tableId: "t2", date: "2026-12-04"),
            DecisionTaken(decisionId: "a1", meetingId: "m1", text: FreeText(inline: "Eén"), ownerDepartment: "wonen", due: "2026-12-05"),
            DecisionTaken(decisionId: "a2", meetingId: "m1", text: FreeText(inline: "Twee"), ownerDepartment: "wonen", dossierId: "d1", due: "2026-12-20"),
            DecisionTaken(decisionId: "a3", meetingId: "m1", text: FreeText(inline: "Drie"), ownerDepartment: "politie"),
            DecisionTaken(decisionId: "a4", meetingId: "m1", text: FreeText(inline: "Vier"), ownerDepartment: "wonen", due: "2026-11-01"),
            DecisionCompleted(decisionId: "a4"),
            DecisionTaken(decisionId: "a5", meetingId: "m1", text: FreeText(inline: "Vijf"), ownerDepartment: "wonen", due: "2026-11-02"),
            DecisionWithdrawn(decisionId: "a5", reason: FreeText(inline: "Vervallen")),
            DecisionTaken(decisionId: "z1", meetingId: "m2", text: FreeText(inline: "Zuid"), ownerDepartment: "verkeer", due: "2026-12-01"))
        return scenario
    }

    static func ids(_ filter: DecisionFilter, today: String = "2026-12-10", limit: Int = 100, after cursor: DecisionListView.Cursor? = nil,
                    visible: (DecisionRecord) -> Bool = { _ in true }) -> ([String], JSONValue) {
        let page = DecisionListView.render(filter, in: world().model, today: today, limit: limit, after: cursor, visible: visible, texts: InlineTextReader())
        guard case let .array(items)? = page["items"] else { return ([], .null) }
        let ids = items.compactMap { item -> String? in if case let .string(id)? = item["decisionId"] { return id } else { return nil } }
        return (ids, page["nextCursor"] ?? .null)
    }

    @Test func withoutFiltersEveryStateEarliestDueFirstWithoutDueLast() {
        #expect(Self.ids(DecisionFilter()).0 == ["a4", "a5", "z1", "a1", "a2", "a3"])
    }

    @Test func eachFilterHolds() {
        #expect(Self.ids(DecisionFilter(tableId: "t2")).0 == ["z1"])
        #expect(Self.ids(DecisionFilter(stadsdeel: S.noord)).0 == ["a4", "a5", "a1", "a2", "a3"])
        #expect(Self.ids(DecisionFilter(ownerDepartment: "politie")).0 == ["a3"])
        #expect(Self.ids(DecisionFilter(meetingId: "m2")).0 == ["z1"])
        #expect(Self.ids(DecisionFilter(dossierId: "d1")).0 == ["a2"])
        #expect(Self.ids(DecisionFilter(state: .open)).0 == ["z1", "a1", "a2", "a3"])
        #expect(Self.ids(DecisionFilter(state: .completed)).0 == ["a4"])
        #expect(Self.ids(DecisionFilter(state: .withdrawn)).0 == ["a5"])
        #expect(Self.ids(DecisionFilter(dueBefore: "2026-12-05")).0 == ["a4", "a5", "z1"])
        #expect(Self.ids(DecisionFilter(ownerDepartment: "wonen", state: .open, dueBefore: "2027-01-01")).0 == ["a1", "a2"])
    }

    /// Overdue: open and due before `today` — never a completed or withdrawn decision.
    @Test func overdueFollowsToday() {
        #expect(Self.ids(DecisionFilter(overdue: true), today: "2026-12-10").0 == ["z1", "a1"])
        #expect(Self.ids(DecisionFilter(overdue: true), today: "2026-12-05").0 == ["z1"])
        #expect(Self.ids(DecisionFilter(overdue: true), today: "2026-12-21").0 == ["z1", "a1", "a2"])
        #expect(Self.ids(DecisionFilter(overdue: false), today: "2026-12-10").0 == ["a4", "a5", "a2", "a3"])
    }

    @Test func pagesFollowTheCursorToTheEnd() {
        var seen: [String] = []
        var cursor: DecisionListView.Cursor?
        for _ in 0..<10 {
            let (ids, next) = Self.ids(DecisionFilter(), limit: 2, after: cursor)
            #expect(ids.count <= 2)
            seen += ids
            guard case let .string(text) = next else { break }
            guard let next = DecisionListView.Cursor(text) else {
                Issue.record("the view gave a cursor it cannot read: \(text)")
                break
            }
            cursor = next
        }
        #expect(seen == ["a4", "a5", "z1", "a1", "a2", "a3"])
        #expect(DecisionListView.Cursor("nonsense") == nil)
        #expect(DecisionListView.Cursor("2026-02-30/a1") == nil)
    }

    @Test func onlyVisibleDecisionsAreListed() {
        #expect(Self.ids(DecisionFilter(), visible: { $0.ownerDepartment == "politie" }).0 == ["a3"])
    }

    @Test func departmentOverviewShowsItsOpenDecisions() {
        let overview = DepartmentOverviewView.render(
            "wonen", in: Self.world().model, today: "2026-12-10", visible: { _ in true }, texts: InlineTextReader())
        guard case let .array(decisions)? = overview["decisions"] else {
            Issue.record("no decisions in \(overview)")
            return
        }
        #expect(decisions.map { $0["decisionId"] } == [.string("a1"), .string("a2")])
        #expect(decisions.map { $0["overdue"] } == [.bool(true), .bool(false)])
    }

    /// A withdrawn decision is no open work: not due on an agenda, not open or overdue on the dashboard.
    @Test func aWithdrawnDecisionIsNeitherDueNorOpen() {
        let model = Self.world().model
        let agenda = AgendaView.render(
            tableId: "t1", meetingId: "m1", in: model, today: "2026-12-10", mayRead: { _ in true }, mayReadTitle: { _ in true },
            mayReadDecision: { _ in true }, texts: InlineTextReader())
        let due = (agenda?["decisionsDue"]?.arrayValue ?? []).map { $0["decisionId"] }
        #expect(due == [], "m1 is dated 2026-12-03: a4 is completed, a5 withdrawn, the rest due later: \(due)")
        let dashboard = DashboardView.render(S.noord, in: model, today: "2026-12-10")
        #expect(dashboard["decisions"]?["open"] == .int(3))
        #expect(dashboard["decisions"]?["overdue"] == .int(1))
    }
}

