import Coordination
import Events
import Projections
import Testing

/// `privacy.erase` as a decision: given a dossier's history, the erasure names every text
/// ever written for it, and only what is not erased yet; the checks run in the contract's
/// order.
@Suite struct ErasureDeciderTests {
    typealias S = Scenario

    static let officer = ActingPrincipal(principalId: "fg-1", role: .privacy)

    /// d1 with a text in every place a dossier's texts live: its summary, a status note and
    /// the note that superseded it, an escalation's reason and outcome, its resolution and
    /// reopen reason, the discussion notes of its agenda item, a decision's text and
    /// completion note; and a free topic's notes that belong to no dossier.
    static func dossierWithEveryText() -> (Scenario, Set<String>) {
        var scenario = S.standard()
        let commands: [Command] = [
            .raiseDossier(dossierId: "d2", tableId: "t1", title: "Woonoverlast", summary: "Familie Jansen, Brusselsestraat 12", area: nil, deadline: nil),
            .assignDepartment(dossierId: "d2", departmentId: "wonen", role: "lead"),
            .updateStatus(dossierId: "d2", departmentId: "wonen", status: "in_progress", note: "Gesprek met mevrouw Jansen"),
            .updateStatus(dossierId: "d2", departmentId: "wonen", status: "blocked", note: "Jansen weigert toegang"),
            .escalate(dossierId: "d2", to: "college", reason: "Jansen dreigt met media"),
            .resolveEscalation(dossierId: "d2", outcome: "Wethouder belt Jansen"),
            .addAgendaItem(meetingId: "m1", itemId: "i1", dossierId: "d2", topic: nil),
            .addAgendaItem(meetingId: "m1", itemId: "i2", dossierId: nil, topic: "Rondvraag"),
            .recordDiscussion(meetingId: "m1", itemId: "i1", notes: "Jansen besproken"),
            .recordDiscussion(meetingId: "m1", itemId: "i2", notes: "Geen vragen"),
            .takeDecision(decisionId: "b1", meetingId: "m1", text: "Huisbezoek bij Jansen", ownerDepartment: "wonen", dossierId: "d2", due: nil),
            .completeDecision(decisionId: "b1", note: "Bezocht, Jansen akkoord"),
            .closeDossier(dossierId: "d2", resolution: "Opgelost met Jansen"),
            .reopenDossier(dossierId: "d2", reason: "Jansen belt opnieuw"),
        ]
        var refs: Set<String> = []
        for command in commands {
            let before = scenario.log.count
            let result = scenario.when(command, by: S.admin)
            #expect(result.succeeded, "\(command): \(result)")
            for envelope in scenario.log[before...] {
                for (_, text) in FreeTextFields.texts(of: envelope) where text.ref.isEmpty == false {
                    if envelope.data["meetingId"] == nil || envelope.data["itemId"] != .string("i2") { refs.insert(text.ref) }
                }
            }
        }
        return (scenario, refs)
    }

    @Test func erasingADossierNamesEveryTextEverWrittenForIt() throws {
        // Given
        let (scenario, refs) = Self.dossierWithEveryText()
        #expect(refs.count == 10)
        // When
        let decided = try Decider.decide(
            .erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: "AVG art. 17, verzoek betrokkene", requestRef: "AVG-2026-14"),
            by: Self.officer, on: scenario.model)
        // Then
        let erased = try #require(decided.events.first as? PersonalDataErased)
        #expect(decided.events.count == 1)
        #expect(decided.stream == "dossier-d2")
        #expect(Set(erased.refs) == refs)
        #expect(erased.dossierId == "d2")
        #expect(erased.reason == "AVG art. 17, verzoek betrokkene")
        #expect(erased.requestRef == "AVG-2026-14")
        #expect(Set(decided.erasing) == refs)
        #expect(decided.texts.isEmpty)
    }

    @Test func fieldsRestrictTheErasureAndWhatIsErasedIsNotErasedAgain() throws {
        // Given
        var (scenario, _) = Self.dossierWithEveryText()
        let notes = scenario.model.texts(ofDossier: "d2").filter { $0.field == "note" }.map(\.ref)
        #expect(notes.count == 3)
        // When
        let first = scenario.when(.erasePersonalData(dossierId: "d2", ref: nil, fields: ["note"], reason: "r", requestRef: nil), by: Self.officer)
        let again = scenario.when(.erasePersonalData(dossierId: "d2", ref: nil, fields: ["note"], reason: "r", requestRef: nil), by: Self.officer)
        // Then
        #expect(first == .success([EventRecord(PersonalDataErased(dossierId: "d2", refs: notes, reason: "r"))]))
        #expect(again == .success([]))
        #expect(scenario.model.erasedTexts == Set(notes))
    }

    @Test func oneTextByItsRefGoesOnThePrivacyStream() throws {
        // Given
        let (scenario, _) = Self.dossierWithEveryText()
        let topicNotes = try #require(scenario.model.freeTexts.values.first { $0.place == .item(meetingId: "m1", itemId: "i2") })
        #expect(topicNotes.dossierId == nil)
        // When
        let decided = try Decider.decide(
            .erasePersonalData(dossierId: nil, ref: topicNotes.ref, fields: nil, reason: "r", requestRef: nil), by: S.admin, on: scenario.model)
        // Then
        #expect(decided.stream == "privacy")
        #expect(decided.records == [EventRecord(PersonalDataErased(refs: [topicNotes.ref], reason: "r"))])
    }

    @Test func inlineVersionOneTextsAreCountedButNotRemovedFromTheStore() throws {
        // Given: d1's texts as a version 1 log held them, inline in the body.
        var scenario = S.standard()
        scenario.given(
            DepartmentStatusUpdated(dossierId: "d1", departmentId: "wonen", status: "open", note: FreeText(inline: "Buurman klaagt")),
            DossierEscalated(dossierId: "d1", to: "college", reason: FreeText(inline: "Buurman dreigt")))
        // When
        let decided = try Decider.decide(
            .erasePersonalData(dossierId: "d1", ref: nil, fields: nil, reason: "r", requestRef: nil), by: Self.officer, on: scenario.model)
        // Then: both are named (views hide them), none leaves the side store (they were never in it).
        #expect(decided.records == [EventRecord(PersonalDataErased(dossierId: "d1", refs: ["e14/note", "e15/reason"], reason: "r"))])
        #expect(decided.erasing.isEmpty)
    }

    @Test func checksRunInTheContractsOrder() {
        // Given
        let (scenario, _) = Self.dossierWithEveryText()
        func when(_ command: Command, by principal: ActingPrincipal = Self.officer, expected: Int64? = nil) -> DomainError.Kind? {
            var copy = scenario
            return copy.when(command, by: principal, expectedVersion: expected).kind
        }
        // Then: params → not found → role → version.
        #expect(when(.erasePersonalData(dossierId: "d2", ref: "x", fields: nil, reason: "r", requestRef: nil)) == .invalidParams)
        #expect(when(.erasePersonalData(dossierId: nil, ref: nil, fields: nil, reason: "r", requestRef: nil)) == .invalidParams)
        #expect(when(.erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: " ", requestRef: nil)) == .invalidParams)
        #expect(when(.erasePersonalData(dossierId: "d2", ref: nil, fields: ["title"], reason: "r", requestRef: nil)) == .invalidParams)
        #expect(when(.erasePersonalData(dossierId: "d2", ref: nil, fields: [], reason: "r", requestRef: nil)) == .invalidParams)
        #expect(when(.erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: "r", requestRef: "a\u{7}b")) == .invalidParams)
        #expect(when(.erasePersonalData(dossierId: "d9", ref: nil, fields: nil, reason: "r", requestRef: nil), by: S.wonen) == .notFound)
        #expect(when(.erasePersonalData(dossierId: nil, ref: "t-unknown", fields: nil, reason: "r", requestRef: nil), by: S.wonen) == .notFound)
        #expect(when(.erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: "r", requestRef: nil), by: S.auditor, expected: 1) == .forbidden)
        #expect(when(.erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: "r", requestRef: nil), expected: 1) == .conflict)
        #expect(when(.erasePersonalData(dossierId: "d2", ref: nil, fields: nil, reason: "r", requestRef: nil), by: S.admin) == nil)
    }
}
