import Coordination
import EventStore
import Events
import Foundation
import Projections
import Testing
import TestSupport

/// Erasure end to end through the service, over both real stores and their side stores for
/// texts: every answer shows an erased text as `null` with its marker, as-of answers for
/// moments before the erasure too; another service on the same log (on PostgreSQL: its own
/// connections, as another process) fetches texts and sees erasures; `privacy.search`
/// finds live texts only.
@Suite struct ErasureServiceTests {
    /// The principals of the coordination tests' scenario, who need not be registered.
    enum S {
        static let noord = "SD-noord"
        static let zuid = "SD-zuid"
        static let admin = ActingPrincipal(principalId: "admin", role: .admin)
        static let regisseur = ActingPrincipal(principalId: "reg-noord", role: .regisseur, stadsdelen: [noord])
        static let wonen = ActingPrincipal(principalId: "wonen-1", role: .department, departments: ["wonen"])
        static let politie = ActingPrincipal(principalId: "politie-1", role: .partner, departments: ["politie"])
        static let wethouder = ActingPrincipal(principalId: "weth-noord", role: .wethouder, stadsdelen: [noord])
        static let auditor = ActingPrincipal(principalId: "audit-1", role: .auditor)
    }

    static let officer = ActingPrincipal(principalId: "fg-1", role: .privacy)
    static let reason = "AVG art. 17, verzoek van betrokkene"
    /// The erased summary: distinctive, so that a search of any bytes finds nothing else.
    static let erasedSummary = "Familie Jansen, Brusselsestraat 12"
    /// The other dossier's text, which no erasure touches.
    static let keptSummary = "Geen persoon, wel Jansenplein"
    /// Every text of dossier d2 that ``world(_:)`` writes.
    static let dossierTexts = [
        erasedSummary, "Gesprek met mevrouw JANSEN", "Jansen weigert toegang", "Jansen dreigt met de media",
        "Casus Jansen besproken", "Huisbezoek bij Jansen",
    ]

    /// Table t1 in Noord; dossier d2 whose summary, status notes (one superseded), open
    /// escalation, agenda discussion and decision (due before the next meeting) all name
    /// the Jansen family.
    static func world(_ store: any EventStore) async throws -> CoordinationService {
        let service = try await CoordinationService(store: store)
        let commands: [Command] = [
            .defineArea(code: S.noord, name: "Noordoost", kind: "stadsdeel", parent: nil),
            .registerDepartment(departmentId: "wonen", name: "Wonen", external: false),
            .establishTable(tableId: "t1", name: "Tafel Noordoost", stadsdeel: S.noord, members: ["wonen"]),
            .raiseDossier(dossierId: "d2", tableId: "t1", title: "Woonoverlast", summary: erasedSummary, area: nil, deadline: nil),
            .assignDepartment(dossierId: "d2", departmentId: "wonen", role: "lead"),
            .updateStatus(dossierId: "d2", departmentId: "wonen", status: "in_progress", note: "Gesprek met mevrouw JANSEN"),
            .updateStatus(dossierId: "d2", departmentId: "wonen", status: "blocked", note: "Jansen weigert toegang"),
            .escalate(dossierId: "d2", to: "college", reason: "Jansen dreigt met de media"),
            .scheduleMeeting(meetingId: "m1", tableId: "t1", date: "2026-12-03", location: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d2", topic: nil),
            .recordDiscussion(meetingId: "m1", itemId: "i1", notes: "Casus Jansen besproken"),
            .takeDecision(decisionId: "b1", meetingId: "m1", text: "Huisbezoek bij Jansen", ownerDepartment: "wonen", dossierId: "d2", due: "2026-11-20"),
            .closeMeeting(meetingId: "m1"),
            .scheduleMeeting(meetingId: "m2", tableId: "t1", date: "2026-12-17", location: nil),
            .raiseDossier(dossierId: "d3", tableId: "t1", title: "Zwerfafval", summary: keptSummary, area: nil, deadline: nil),
        ]
        for command in commands { _ = try await service.execute(command, by: S.admin) }
        return service
    }

    static func erased(_ object: JSONValue?, _ field: String) -> Bool {
        object?[field] == .null && object?["erased"]?[field]?["reason"] == .string(reason)
            && object?["erased"]?[field]?["at"] != nil
    }

    @Test(arguments: StoreKind.allCases)
    func anErasedTextIsNullWithItsMarkerInEveryAnswerAlsoAsOfBefore(_ kind: StoreKind) async throws {
        // Given
        let store = try await kind.makeStore().open()
        let service = try await Self.world(store)
        let before = try await store.head().position
        let live = try await service.answer(.dossier(dossierId: "d2", moment: .live, today: nil), by: S.admin)
        #expect(live["summary"] == "Familie Jansen, Brusselsestraat 12")
        #expect(live["erased"] == nil)
        let sealed = await service.model.texts(ofDossier: "d2").map(\.ref)
        #expect(sealed.count == 6)
        // When
        let result = try await service.execute(
            .erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: Self.reason, requestRef: "AVG-2026-14"), by: Self.officer)
        // Then
        #expect(try await service.erasedCount(at: result.positions) == 6)
        #expect(try await store.texts(sealed).isEmpty, "erased texts are still beside the log")
        for moment in [Moment.live, .atPosition(before)] {
            let dossier = try await service.answer(.dossier(dossierId: "d2", moment: moment, today: nil), by: S.admin)
            #expect(Self.erased(dossier, "summary"), "\(moment): \(dossier)")
            #expect(Self.erased(dossier["departments"]?.arrayValue?.first, "note"))
            #expect(Self.erased(dossier["escalations"]?.arrayValue?.first, "reason"))
            #expect(Self.erased(dossier["decisions"]?.arrayValue?.first, "text"))
            let agenda = try await service.answer(.agenda(tableId: "t1", meetingId: "m1", moment: moment, today: nil), by: S.admin)
            let item = agenda["items"]?.arrayValue?.first
            #expect(Self.erased(item?["departments"]?.arrayValue?.first, "note"), "\(moment): \(agenda)")
            #expect(Self.erased(item?["escalation"], "reason"))
            #expect(Self.erased(agenda["decisionsDue"]?.arrayValue?.first, "text"))
            let verslag = try await service.answer(.meetingGet(meetingId: "m1", moment: moment), by: S.admin)
            #expect(Self.erased(verslag["items"]?.arrayValue?.first, "notes"), "\(moment): \(verslag)")
            #expect(Self.erased(verslag["decisionsTaken"]?.arrayValue?.first, "text"))
        }
        let untouched = try await service.answer(.dossier(dossierId: "d3", moment: .live, today: nil), by: S.admin)
        #expect(untouched["summary"] == "Geen persoon, wel Jansenplein")
        // The trail keeps the hashed body and shows the text as it reads now.
        let trail = try await service.answer(.auditTrail(.dossier("d2"), from: nil, until: nil, limit: 100, cursor: nil), by: S.auditor)
        let events = try #require(trail["events"]?.arrayValue)
        let raised = try #require(events.first { $0["type"] == "DossierRaised" })
        let stored = try #require(try await store.read(from: raised["position"].flatMap { if case let .int(p) = $0 { p } else { nil } } ?? 0, limit: 1).first)
        #expect(raised["data"] == stored.data)
        #expect(raised["data"]?["summary"]?["digest"] != nil)
        #expect(Self.erased(raised["texts"].map { .object([("summary", $0["summary"] ?? .null)] + (raised["erased"].map { [("erased", $0)] } ?? [])) }, "summary"))
        #expect(events.contains { $0["type"] == "PersonalDataErased" })
        let discussed = try #require(events.first { $0["type"] == "DiscussionRecorded" })
        #expect(discussed["texts"]?["notes"] == .null && discussed["erased"]?["notes"] != nil)
        // A trail until a moment before the erasure shows the text as it reads now too.
        let lastBefore = try #require(try await store.read(from: before, limit: 1).first)
        let earlier = try await service.answer(
            .auditTrail(.dossier("d2"), from: nil, until: lastBefore.recordedAt, limit: 100, cursor: nil), by: S.auditor)
        let earlierEvents = try #require(earlier["events"]?.arrayValue)
        let raisedEarlier = try #require(earlierEvents.first { $0["type"] == "DossierRaised" })
        #expect(raisedEarlier["texts"]?["summary"] == .null && raisedEarlier["erased"]?["summary"]?["reason"] == .string(Self.reason))
        await store.close()
    }

    /// Two services on one log: on PostgreSQL each with its own connections, as two `tafel
    /// serve` processes on one database; the file store admits one process, so there they
    /// share it. The reader has cached the texts it showed; the erasure reaches it once its
    /// freshness bound has passed, on its next request.
    @Test(arguments: StoreKind.allCases)
    func anotherServiceFetchesTheTextsItDidNotWriteAndSeesTheErasureWithinItsFreshnessBound(_ kind: StoreKind) async throws {
        // Given
        let testStore = try await kind.makeStore()
        let store = try await testStore.open()
        let writer = try await Self.world(store)
        let token = Token.generate()
        _ = try await writer.execute(
            .registerPrincipal(principalId: "lezer", name: "Lezer", role: .admin, stadsdelen: [], departments: [], tokenHash: Token.hash(token)),
            by: S.admin)
        let readerStore = kind == .postgres ? try await testStore.open() : store
        let reader = try await CoordinationService(store: readerStore)
        let clock = ManualClock()
        await reader.limitStaleness(to: 1_000_000_000, clock: clock.reading)
        let principal = try #require(try await reader.authenticate(token: token))
        let shown = try await reader.answer(.dossier(dossierId: "d2", moment: .live, today: nil), by: principal)
        #expect(shown["summary"] == "Familie Jansen, Brusselsestraat 12")
        #expect(shown["departments"]?.arrayValue?.first?["note"] == "Jansen weigert toegang")
        // When the writer erases one field and writes a new text, and the bound passes
        let before = try await store.head().position
        _ = try await writer.execute(
            .erasePersonalData(dossierId: "d2", ref: nil, fields: ["summary"], reason: Self.reason, requestRef: "AVG-2026-15"), by: Self.officer)
        _ = try await writer.execute(.updateStatus(dossierId: "d2", departmentId: "wonen", status: "done", note: "Afgerond"), by: S.admin)
        clock.advance(by: 1_000_000_001)
        // Then the reader's next request sees both
        let next = try #require(try await reader.authenticate(token: token))
        for moment in [Moment.live, .atPosition(before)] {
            let after = try await reader.answer(.dossier(dossierId: "d2", moment: moment, today: nil), by: next)
            #expect(Self.erased(after, "summary"), "\(moment): \(after)")
        }
        let after = try await reader.answer(.dossier(dossierId: "d2", moment: .live, today: nil), by: next)
        #expect(after["departments"]?.arrayValue?.first?["note"] == "Afgerond")
        #expect(after["erased"]?["note"] == nil)
        let untouched = try await reader.answer(.dossier(dossierId: "d3", moment: .live, today: nil), by: next)
        #expect(untouched["summary"] == "Geen persoon, wel Jansenplein")
        if kind == .postgres { await readerStore.close() }
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func searchFindsEveryLiveTextAndNeverAnErasedOne(_ kind: StoreKind) async throws {
        // Given
        let store = try await kind.makeStore().open()
        let service = try await Self.world(store)
        func hits(_ term: String) async throws -> [JSONValue] {
            try await service.answer(.searchTexts(term: term), by: Self.officer)["hits"]?.arrayValue ?? []
        }
        // Then: case-insensitive, superseded texts included, across dossiers.
        let all = try await hits("jansen")
        #expect(all.count == 7)
        #expect(all.filter { $0["dossierId"] == "d2" }.count == 6)
        #expect(all.contains { $0["field"] == "note" && $0["dossierId"] == "d2" })
        #expect(try await hits("JANSEN WEIGERT").count == 1)
        #expect(try await hits("Pietersen").isEmpty)
        // When one text and then the dossier are erased
        let one = try #require(all.first { $0["field"] == "text" }?["ref"].flatMap { if case let .string(ref) = $0 { ref } else { nil } })
        let byRef = try await service.execute(
            .erasePersonalData(dossierId: nil, ref: one, fields: nil, reason: Self.reason, requestRef: nil), by: Self.officer)
        #expect(byRef.stream == "privacy")
        #expect(try await hits("jansen").count == 6)
        _ = try await service.execute(.erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: Self.reason, requestRef: nil), by: S.admin)
        // Then only the other dossier's text is found
        #expect(try await hits("jansen").map { $0["dossierId"] } == ["d3"])
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func onlyThePrivacyOfficerSearchesAndTheOfficerReadsCityWideButWritesNothingElse(_ kind: StoreKind) async throws {
        // Given
        let store = try await kind.makeStore().open()
        let service = try await Self.world(store)
        let others = [S.admin, S.regisseur, S.wonen, S.politie, S.wethouder, S.auditor]
        // Then
        for principal in others {
            await #expect(throws: DomainError.self) { _ = try await service.answer(.searchTexts(term: "Jansen"), by: principal) }
        }
        let elsewhere = ActingPrincipal(principalId: "fg-2", role: .privacy, stadsdelen: [S.zuid])
        _ = try await service.answer(.dossier(dossierId: "d2", moment: .live, today: nil), by: elsewhere)
        _ = try await service.answer(.agenda(tableId: "t1", meetingId: "m1", moment: .live, today: nil), by: elsewhere)
        _ = try await service.answer(.auditTrail(.actor("admin"), from: nil, until: nil, limit: 10, cursor: nil), by: elsewhere)
        do {
            _ = try await service.answer(.readEvents(fromPosition: 1, limit: 10), by: Self.officer)
            Issue.record("events.read is not for the privacy officer")
        } catch let error as DomainError {
            #expect(error.kind == .forbidden)
        }
        let head = try await store.head().position
        do {
            _ = try await service.execute(.updateStatus(dossierId: "d2", departmentId: "wonen", status: "done", note: nil), by: Self.officer)
            Issue.record("the privacy officer updated a status")
        } catch let error as DomainError {
            #expect(error.kind == .forbidden)
        }
        #expect(try await store.head().position == head)
        await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aRetriedErasureAnswersTheFirstCountAndNothingLeftAppendsNothing(_ kind: StoreKind) async throws {
        // Given
        let store = try await kind.makeStore().open()
        let service = try await Self.world(store)
        let erase = Command.erasePersonalData(dossierId: "d2", ref: nil, fields: ["note"], reason: Self.reason, requestRef: nil)
        // When
        let first = try await service.execute(erase, by: Self.officer, requestId: "avg-14")
        let head = try await store.head().position
        let retry = try await service.execute(erase, by: Self.officer, requestId: "avg-14")
        let again = try await service.execute(erase, by: Self.officer)
        // Then
        #expect(retry == first)
        #expect(try await service.erasedCount(at: retry.positions) == 2)
        #expect(again.positions.isEmpty)
        #expect(try await service.erasedCount(at: again.positions) == 0)
        #expect(try await store.head().position == head)
        await store.close()
    }
}
