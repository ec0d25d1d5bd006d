import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing
import TestSupport

/// The query answers themselves, recorded live after every event, equal what the as-of
/// path (``HistoricalState`` replaying the stored log) answers for that position; and the
/// audit index fed live equals its rebuild. Through the service, the reports a user reads
/// (`dossier.list` paged, `department.overview`, `dashboard.stadsdeel`) answer as of a
/// position what they answered live then; objects that did not exist yet are -32004, scope
/// is the reader's now, texts erased since show as erased, and a replay starts from a
/// checkpoint (a refusal reads nothing).
@Suite struct AsOfQueryTests {
    typealias S = Scenario

    /// Everything the read side answers about the scenario's table, as one value.
    static func answers(_ model: CoordinationModel, today: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("agenda", AgendaView.render(tableId: "t1", meetingId: nil, in: model, today: today, mayRead: { _ in true }, mayReadTitle: { _ in true }, mayReadDecision: { _ in true }, texts: InlineTextReader()) ?? .null),
            ("list", DossierListView.render(DossierFilter(), in: model, today: today, limit: 1000, after: nil, visible: { _ in true }, texts: InlineTextReader())),
            ("dashboard", DashboardView.render(S.noord, in: model, today: today)),
            ("overview", DepartmentOverviewView.render("wonen", in: model, today: today, visible: { _ in true }, texts: InlineTextReader())),
            ("decisions", DecisionListView.render(DecisionFilter(), in: model, today: today, limit: 1000, after: nil, visible: { _ in true }, texts: InlineTextReader())),
            ("actielijst", DecisionListView.render(DecisionFilter(ownerDepartment: "wonen", state: .open, overdue: true), in: model, today: today, limit: 1000, after: nil, visible: { _ in true }, texts: InlineTextReader())),
        ]
        for id in model.dossiers.keys.sorted() { members.append((id, DossierView.render(id, in: model, today: today, texts: InlineTextReader()) ?? .null)) }
        return .object(members)
    }

    @Test(arguments: [3, 17, 29, 41])
    func asOfEveryPositionAnswersAsTheLiveProjectionDid(seed: Int) async throws {
        var random = RebuildTests.SplitMix(state: UInt64(seed))
        var scenario = S.standard()
        let today = "2027-03-15"
        var live: [Int64: JSONValue] = [scenario.position: Self.answers(scenario.model, today: today)]
        var audit = AuditIndex()
        for envelope in scenario.log { audit.apply(envelope) }
        for _ in 0..<900 {
            let before = scenario.log.count
            _ = scenario.when(RebuildTests.randomCommand(&random), by: S.admin)
            for envelope in scenario.log[before...] { audit.apply(envelope) }
            live[scenario.position] = Self.answers(scenario.model, today: today)
        }
        var rebuiltAudit = AuditIndex()
        rebuiltAudit.apply(scenario.log)
        #expect(rebuiltAudit == audit)
        #expect(audit.byDossier["d1"]?.isEmpty == false)

        let (store, directory) = try await scenario.importedIntoFileStore("tafel-asof")
        #expect(live.count > 100)
        var mismatches: [Int64] = []
        for (position, answers) in live {
            let snapshot = try await HistoricalState.replay(store, until: .atPosition(position))
            if Self.answers(snapshot.model, today: today) != answers { mismatches.append(position) }
        }
        #expect(mismatches.isEmpty, "seed \(seed): as-of differs from live at positions \(mismatches.sorted().prefix(10))")
        let byTime = try await HistoricalState.replay(store, until: .asOf(scenario.log[20].recordedAt))
        #expect(byTime.model.position == 21)
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The reports through the service at `moment`: every page of `dossier.list` two at a
    /// time (so paging and cursors are compared too), Wonen's dossiers, Wonen's overview and
    /// Noord's dashboard; as the regisseur and the admin, whose scope the random commands
    /// never change.
    static func reports(_ service: CoordinationService, _ moment: Moment, today: String) async throws -> JSONValue {
        var pages: [JSONValue] = []
        var cursor: String?
        repeat {
            let page = try await service.answer(.dossierList(DossierFilter(), moment: moment, today: today, limit: 2, cursor: cursor), by: S.regisseur)
            pages.append(page)
            if case let .string(next)? = page["nextCursor"] { cursor = next } else { cursor = nil }
        } while cursor != nil && pages.count < 100
        let wonen = DossierFilter(tableId: "t1", stadsdeel: S.noord, departmentId: "wonen")
        return .object([
            ("pages", .array(pages)),
            ("wonen", try await service.answer(.dossierList(wonen, moment: moment, today: today, limit: 1000, cursor: nil), by: S.admin)),
            ("overview", try await service.answer(.departmentOverview(departmentId: "wonen", moment: moment, today: today), by: S.regisseur)),
            ("dashboard", try await service.answer(.dashboard(stadsdeel: S.noord, moment: moment, today: today), by: S.regisseur)),
        ])
    }

    /// The standard scenario in a fresh file store, and a service over it.
    static func standardService() async throws -> (CoordinationService, any EventStore, String) {
        let (store, directory) = try await S.standard().importedIntoFileStore("tafel-asof-reports")
        return (try await CoordinationService(store: store), store, directory)
    }

    @Test(arguments: [5, 23])
    func reportsAsOfEveryPositionAnswerWhatTheServiceAnsweredLive(seed: Int) async throws {
        // Given: random commands through the service, the reports recorded live after each.
        // Erasure is left out: it changes how the past reads (the erasure test below).
        var random = RebuildTests.SplitMix(state: UInt64(seed))
        let (service, store, directory) = try await Self.standardService()
        let today = "2027-03-15"
        var live: [(Int64, JSONValue)] = [(await service.model.position, try await Self.reports(service, .live, today: today))]
        for _ in 0..<1500 {
            let command = RebuildTests.randomCommand(&random)
            if case .erasePersonalData = command { continue }
            guard let result = try? await service.execute(command, by: S.admin), !result.positions.isEmpty else { continue }
            live.append((await service.model.position, try await Self.reports(service, .live, today: today)))
        }
        #expect(live.count > 150)
        #expect(await service.model.dossiers.count >= 5, "the pages hold several dossiers")
        // When/then: as of each of those positions, the same answers.
        var mismatches: [Int64] = []
        for (position, answers) in live {
            if try await Self.reports(service, .atPosition(position), today: today) != answers { mismatches.append(position) }
        }
        #expect(mismatches.isEmpty, "seed \(seed): as-of differs from live at positions \(mismatches.prefix(10))")
        // A time selects the position of the last event recorded by then.
        let log = try await store.read(from: 1, limit: 1000)
        for envelope in log.prefix(40).dropFirst(10) {
            let last = log.last { $0.recordedAt <= envelope.recordedAt }?.position ?? 0
            let byTime = try await Self.reports(service, .asOf(envelope.recordedAt), today: today)
            let byPosition = try await Self.reports(service, .atPosition(last), today: today)
            #expect(byTime == byPosition)
        }
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func refusal(_ service: CoordinationService, _ query: Query, by principal: ActingPrincipal) async -> DomainError.Kind? {
        do {
            _ = try await service.answer(query, by: principal)
            return nil
        } catch let error as DomainError {
            return error.kind
        } catch {
            return nil
        }
    }

    static func ids(_ items: JSONValue?, _ key: String) -> [String] {
        (items?.arrayValue ?? []).compactMap { if case let .string(id)? = $0[key] { return id } else { return nil } }
    }

    @Test func reportsAsOfBeforeTheirObjectsExistedAreNotFound() async throws {
        // Given: the standard scenario defines Noord (1), Zuid (2), Wonen (4), t1 (8), d1 (10).
        let (service, store, directory) = try await Self.standardService()
        let early = Moment.atPosition(2)
        // Then
        #expect(await Self.refusal(service, .departmentOverview(departmentId: "wonen", moment: early, today: nil), by: S.admin) == .notFound)
        #expect(await Self.refusal(service, .dossierList(DossierFilter(departmentId: "wonen"), moment: early, today: nil, limit: 10, cursor: nil), by: S.admin) == .notFound)
        #expect(await Self.refusal(service, .dossierList(DossierFilter(tableId: "t1"), moment: early, today: nil, limit: 10, cursor: nil), by: S.admin) == .notFound)
        #expect(await Self.refusal(service, .dashboard(stadsdeel: S.zuid, moment: .atPosition(1), today: nil), by: S.admin) == .notFound)
        #expect(await Self.refusal(service, .dossierList(DossierFilter(stadsdeel: S.zuid), moment: .atPosition(1), today: nil, limit: 10, cursor: nil), by: S.admin) == .notFound)
        #expect(await Self.refusal(service, .decisionList(DecisionFilter(stadsdeel: S.zuid), moment: .atPosition(1), today: nil, limit: 10, cursor: nil), by: S.admin) == .notFound)
        // Scope is judged before any replay: another stadsdeel's regisseur is refused, also as of before.
        #expect(await Self.refusal(service, .dashboard(stadsdeel: S.noord, moment: early, today: nil), by: S.otherRegisseur) == .forbidden)
        #expect(await Self.refusal(service, .dossierList(DossierFilter(tableId: "t1"), moment: early, today: nil, limit: 10, cursor: nil), by: S.otherRegisseur) == .forbidden)
        #expect(await Self.refusal(service, .departmentOverview(departmentId: "wonen", moment: early, today: nil), by: S.verkeer) == .forbidden)
        // Once they exist, they answer: an empty list, the dashboard with zeros.
        let list = try await service.answer(.dossierList(DossierFilter(tableId: "t1"), moment: .atPosition(9), today: nil, limit: 10, cursor: nil), by: S.admin)
        #expect(list["items"] == .array([]))
        let dashboard = try await service.answer(.dashboard(stadsdeel: S.noord, moment: .atPosition(1), today: nil), by: S.regisseur)
        #expect(dashboard["byStatus"]?["open"] == .int(0))
        #expect(Self.ids(try await service.answer(.dossierList(DossierFilter(), moment: .atPosition(10), today: nil, limit: 10, cursor: nil), by: S.admin)["items"], "dossierId") == ["d1"])
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func reportsAsOfJudgeScopeByTheReadersRightsNow() async throws {
        // Given: Wonen reads d1 at `before`, then is taken off it.
        let (service, store, before) = try await ReadScopeTests.service()
        let list = Query.dossierList(DossierFilter(), moment: .atPosition(before), today: nil, limit: 100, cursor: nil)
        let overview = Query.departmentOverview(departmentId: "wonen", moment: .atPosition(before), today: nil)
        #expect(Self.ids(try await service.answer(list, by: S.wonen)["items"], "dossierId") == ["d1"])
        #expect(Self.ids(try await service.answer(overview, by: S.wonen)["dossiers"], "dossierId") == ["d1"])
        // When
        _ = try await service.execute(.unassignDepartment(dossierId: "d1", departmentId: "wonen"), by: S.admin)
        // Then: the past shows it no more, though Wonen was assigned then; the regisseur still reads it.
        #expect(Self.ids(try await service.answer(list, by: S.wonen)["items"], "dossierId") == [])
        #expect(Self.ids(try await service.answer(overview, by: S.wonen)["dossiers"], "dossierId") == [])
        #expect(Self.ids(try await service.answer(overview, by: S.regisseur)["dossiers"], "dossierId") == ["d1"])
        await store.close()
    }

    static let officer = ActingPrincipal(principalId: "fg-1", role: .privacy)
    static let erasureReason = "AVG art. 17, verzoek van betrokkene"

    /// Whether `field` of `object` reads as erased: `null`, with its marker beside it.
    static func erased(_ object: JSONValue?, _ field: String) -> Bool {
        object?[field] == .null && object?["erased"]?[field]?["reason"] == .string(erasureReason) && object?["erased"]?[field]?["at"] != nil
    }

    @Test func reportsAsOfBeforeAnErasureShowTheTextsErased() async throws {
        // Given: Wonen's note on d2 and its decision on d2 name a resident.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tafel-asof-erased-\(UUID().uuidString)").path
        let store = try FileEventStore.open(directory: directory, create: true)
        let service = try await CoordinationService(store: store)
        let commands: [Command] = [
            .defineArea(code: S.noord, name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: S.noord, members: ["wonen"]),
            .raiseDossier(dossierId: "d2", tableId: "t1", title: "Woonoverlast", summary: "Familie Jansen", area: nil, deadline: nil),
            .assignDepartment(dossierId: "d2", departmentId: "wonen", role: "lead"),
            .updateStatus(dossierId: "d2", departmentId: "wonen", status: "blocked", note: "Jansen weigert toegang"),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d2", topic: nil),
            .takeDecision(decisionId: "b1", meetingId: "m1", text: "Huisbezoek bij Jansen", ownerDepartment: "wonen", dossierId: "d2", due: "2026-11-20"),
        ]
        for command in commands { _ = try await service.execute(command, by: S.admin) }
        let before = try await store.head().position
        let overviewThen = try await service.answer(.departmentOverview(departmentId: "wonen", moment: .atPosition(before), today: nil), by: S.admin)
        #expect(overviewThen["dossiers"]?.arrayValue?.first?["note"] == "Jansen weigert toegang")
        #expect(overviewThen["decisions"]?.arrayValue?.first?["text"] == "Huisbezoek bij Jansen")
        // When
        _ = try await service.execute(
            .erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: Self.erasureReason, requestRef: nil), by: Self.officer)
        // Then
        let list = try await service.answer(.dossierList(DossierFilter(), moment: .atPosition(before), today: nil, limit: 10, cursor: nil), by: S.admin)
        #expect(Self.erased(list["items"]?.arrayValue?.first?["departments"]?.arrayValue?.first, "note"), "\(list)")
        let overview = try await service.answer(.departmentOverview(departmentId: "wonen", moment: .atPosition(before), today: nil), by: S.admin)
        #expect(Self.erased(overview["dossiers"]?.arrayValue?.first, "note"), "\(overview)")
        #expect(Self.erased(overview["decisions"]?.arrayValue?.first, "text"))
        await store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func reportsAsOfStartFromACheckpointAndRefusalsReadNothing() async throws {
        // Given: a log of a few thousand events, replayed once to 2050 (leaving a checkpoint at 2048).
        let (service, store, _, directory) = try await QueryWorkTests.service()
        _ = try await service.answer(.dashboard(stadsdeel: S.noord, moment: .atPosition(2050), today: nil), by: S.regisseur)
        let queries: [Query] = [
            .dossierList(DossierFilter(), moment: .atPosition(2060), today: nil, limit: 10, cursor: nil),
            .departmentOverview(departmentId: "wonen", moment: .atPosition(2059), today: nil),
            .dashboard(stadsdeel: S.noord, moment: .atPosition(2058), today: nil),
        ]
        for query in queries {
            store.resetCounts()
            _ = try await service.answer(query, by: S.regisseur)
            #expect(store.counts.eventsRead <= 2060 - 2048 + 1, "\(query): read \(store.counts.eventsRead) events")
        }
        // Refused on scope or an unknown object: before any replay.
        store.resetCounts()
        #expect(await Self.refusal(service, .dashboard(stadsdeel: S.noord, moment: .atPosition(150), today: nil), by: S.otherRegisseur) == .forbidden)
        #expect(await Self.refusal(service, .departmentOverview(departmentId: "nope", moment: .atPosition(150), today: nil), by: S.admin) == .notFound)
        #expect(await Self.refusal(service, .dossierList(DossierFilter(tableId: "t1"), moment: .atPosition(150), today: nil, limit: 10, cursor: nil), by: S.otherRegisseur) == .forbidden)
        #expect(store.counts == CountingStore.Counts())
        await QueryWorkTests.close(store, directory)
    }
}
