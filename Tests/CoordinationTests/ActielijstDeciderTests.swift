import Coordination
import Events
import Projections
import Testing

/// The actielijst's commands given/when/then: `decision.reschedule`, `.reassign`,
/// `.withdraw`, `.reportProgress` (and `decision.complete` of a withdrawn decision), each
/// rule refused once and allowed once, their free texts sealed beside the log, and the
/// decision's state, progress and completion as the model folds them.
@Suite struct ActielijstDeciderTests {
    typealias S = Scenario

    static let seed: [UInt8] = Array(repeating: 9, count: 32)

    /// The standard scenario with decision `open` (Wonen, due 2026-12-10), `done`
    /// (completed) and `gone` (withdrawn), all taken at m1 of table t1.
    static func world() -> Scenario {
        var scenario = S.standard()
        scenario.given(
            DecisionTaken(decisionId: "open", meetingId: "m1", text: FreeText(inline: "Schouw"), ownerDepartment: "wonen", dossierId: "d1", due: "2026-12-10"),
            DecisionTaken(decisionId: "done", meetingId: "m1", text: FreeText(inline: "Brief"), ownerDepartment: "wonen"),
            DecisionCompleted(decisionId: "done", note: FreeText(inline: "Verstuurd")),
            DecisionTaken(decisionId: "gone", meetingId: "m1", text: FreeText(inline: "Hek"), ownerDepartment: "wonen"),
            DecisionWithdrawn(decisionId: "gone", reason: FreeText(inline: "Vervallen")))
        return scenario
    }

    /// (rule, a command that breaks it, a command that is allowed), by the regisseur.
    static let cases: [(String, Command, Command)] = [
        (Rule.decisionClosed, .rescheduleDecision(decisionId: "done", due: "2027-01-01", reason: "Later"),
         .rescheduleDecision(decisionId: "open", due: "2027-01-01", reason: "Later")),
        (Rule.decisionClosed, .rescheduleDecision(decisionId: "gone", due: "2027-01-01", reason: "Later"),
         .rescheduleDecision(decisionId: "open", due: "2027-01-01", reason: "Later")),
        (Rule.decisionClosed, .reassignDecision(decisionId: "done", ownerDepartment: "openbare-ruimte", reason: "Andere dienst"),
         .reassignDecision(decisionId: "open", ownerDepartment: "openbare-ruimte", reason: "Andere dienst")),
        (Rule.ownerNotMember, .reassignDecision(decisionId: "open", ownerDepartment: "verkeer", reason: "Andere dienst"),
         .reassignDecision(decisionId: "open", ownerDepartment: "politie", reason: "Andere dienst")),
        (Rule.decisionClosed, .withdrawDecision(decisionId: "gone", reason: "Nogmaals"), .withdrawDecision(decisionId: "open", reason: "Vervallen")),
        (Rule.decisionClosed, .withdrawDecision(decisionId: "done", reason: "Toch niet"), .withdrawDecision(decisionId: "open", reason: "Vervallen")),
        (Rule.decisionClosed, .reportDecisionProgress(decisionId: "done", status: "blocked", note: nil),
         .reportDecisionProgress(decisionId: "open", status: "blocked", note: nil)),
        (Rule.decisionClosed, .reportDecisionProgress(decisionId: "gone", status: "in_progress", note: "Bezig"),
         .reportDecisionProgress(decisionId: "open", status: "in_progress", note: "Bezig")),
        (Rule.decisionClosed, .completeDecision(decisionId: "gone", note: nil), .completeDecision(decisionId: "open", note: nil)),
    ]

    @Test(arguments: cases.indices)
    func eachRuleRefusedAndAllowed(index: Int) {
        let (rule, refused, allowed) = Self.cases[index]
        var refusing = Self.world()
        let before = refusing.position
        #expect(refusing.when(refused, by: S.regisseur).rule == rule, "\(refused)")
        #expect(refusing.position == before, "a refused command wrote")
        var allowing = Self.world()
        #expect(allowing.when(allowed, by: S.regisseur).succeeded, "allowed path of \(rule): \(allowed)")
    }

    /// The free text of each command is sealed: the event holds a reference and digest,
    /// the text goes beside the log, and the hashed body never holds it.
    @Test func reasonsAndNotesAreSealedBesideTheLog() throws {
        let world = Self.world()
        let texts: [(Command, String, (FreeText) -> any DomainEvent)] = [
            (.rescheduleDecision(decisionId: "open", due: "2027-01-15", reason: "Aannemer later beschikbaar"), "Aannemer later beschikbaar",
             { DecisionRescheduled(decisionId: "open", due: "2027-01-15", reason: $0) }),
            (.reassignDecision(decisionId: "open", ownerDepartment: "openbare-ruimte", reason: "Beheer ligt bij OR"), "Beheer ligt bij OR",
             { DecisionReassigned(decisionId: "open", ownerDepartment: "openbare-ruimte", reason: $0) }),
            (.withdrawDecision(decisionId: "open", reason: "Bewoner verhuisd"), "Bewoner verhuisd",
             { DecisionWithdrawn(decisionId: "open", reason: $0) }),
            (.reportDecisionProgress(decisionId: "open", status: "blocked", note: "Wacht op mevrouw J."), "Wacht op mevrouw J.",
             { DecisionProgressReported(decisionId: "open", status: "blocked", note: $0) }),
        ]
        for (command, text, event) in texts {
            try CommandValidation.validate(command)
            let decided = try Decider.decide(command, by: S.regisseur, on: world.model, sealer: TextSealer(seed: Self.seed))
            var sealer = TextSealer(seed: Self.seed)
            let sealed = sealer.seal(text)
            #expect(sealed.isSealed)
            #expect(decided.stream == "decision-open")
            #expect(decided.records == [EventRecord(event(sealed))])
            #expect(decided.texts.map(\.text) == [text])
            #expect(decided.texts.map(\.ref) == [sealed.ref])
            #expect(decided.records.first?.data.canonicalString.contains(text) == false, "\(text) must not be in the hashed body")
        }
    }

    @Test func theSameDueDateOrOwnerDecidesNothing() {
        var scenario = Self.world()
        let before = scenario.position
        #expect((try? scenario.when(.rescheduleDecision(decisionId: "open", due: "2026-12-10", reason: "Zelfde"), by: S.regisseur).get()) == [])
        #expect((try? scenario.when(.reassignDecision(decisionId: "open", ownerDepartment: "wonen", reason: "Zelfde"), by: S.regisseur).get()) == [])
        #expect(scenario.position == before)
    }

    @Test func checksRunInOrderUnknownThenScopeThenVersionThenRule() {
        var scenario = Self.world()
        #expect(scenario.when(.withdrawDecision(decisionId: "nope", reason: "r"), by: S.otherRegisseur).kind == .notFound)
        #expect(scenario.when(.reassignDecision(decisionId: "open", ownerDepartment: "nope", reason: "r"), by: S.otherRegisseur).kind == .notFound)
        #expect(scenario.when(.reassignDecision(decisionId: "done", ownerDepartment: "verkeer", reason: "r"), by: S.otherRegisseur).kind == .forbidden)
        #expect(scenario.when(.withdrawDecision(decisionId: "done", reason: "r"), by: S.regisseur, expectedVersion: 7).kind == .conflict)
        #expect(scenario.when(.reportDecisionProgress(decisionId: "open", status: "blocked", note: nil), by: S.openbareRuimte).kind == .forbidden)
        #expect(scenario.when(.reportDecisionProgress(decisionId: "open", status: "done", note: nil), by: S.wonen).kind == .invalidParams)
    }

    @Test func theModelFollowsTheDecisionThroughItsLife() throws {
        var scenario = Self.world()
        #expect(scenario.model.decisions["open"]?.state == .open)
        #expect(scenario.model.decisions["open"]?.tableId == "t1")
        #expect(scenario.when(.reportDecisionProgress(decisionId: "open", status: "in_progress", note: "Offerte opgevraagd"), by: S.wonen).succeeded)
        let progress = try #require(scenario.model.decisions["open"]?.progress)
        #expect(progress.status == "in_progress")
        #expect(progress.at == scenario.log.last?.recordedAt)
        #expect(scenario.when(.rescheduleDecision(decisionId: "open", due: "2027-02-01", reason: "Later"), by: S.regisseur).succeeded)
        #expect(scenario.model.decisions["open"]?.due == "2027-02-01")
        #expect(scenario.when(.reassignDecision(decisionId: "open", ownerDepartment: "openbare-ruimte", reason: "Beheer"), by: S.regisseur).succeeded)
        #expect(scenario.model.decisions["open"]?.ownerDepartment == "openbare-ruimte")
        // The new owner completes it; the old one no longer may.
        #expect(scenario.when(.completeDecision(decisionId: "open", note: "Klaar"), by: S.wonen).kind == .forbidden)
        #expect(scenario.when(.completeDecision(decisionId: "open", note: "Klaar"), by: S.openbareRuimte).succeeded)
        let completed = try #require(scenario.model.decisions["open"])
        #expect(completed.state == .completed)
        #expect(completed.completedAt == scenario.log.last?.recordedAt)
        #expect(!completed.isOverdue(today: "2030-01-01"))
        let gone = try #require(scenario.model.decisions["gone"])
        #expect(gone.state == .withdrawn && !gone.isOpen && !gone.isOverdue(today: "2030-01-01"))
    }

    /// A log written before the actielijst (schema 1 bodies, texts inline) shows its
    /// completion notes in the decision shape, with no migration.
    @Test func anOldLogShowsItsCompletionNotes() throws {
        let world = Self.world()
        let done = try #require(world.model.decisions["done"])
        let shown = DossierView.decision(done, today: "2026-12-20", texts: InlineTextReader())
        #expect(shown["note"] == .string("Verstuurd"))
        #expect(shown["state"] == .string("completed"))
        #expect(shown["completedAt"] != .null)
        let gone = DossierView.decision(try #require(world.model.decisions["gone"]), today: "2026-12-20", texts: InlineTextReader())
        #expect(gone["state"] == .string("withdrawn"))
        #expect(gone["withdrawalReason"] == .string("Vervallen"))
        #expect(gone["overdue"] == .bool(false))
    }

    /// A dossier's audit trail holds what happened to its decisions after they were taken.
    @Test func theDossiersTrailHoldsItsDecisionsChanges() {
        var scenario = Self.world()
        let before = scenario.position
        #expect(scenario.when(.reportDecisionProgress(decisionId: "open", status: "blocked", note: nil), by: S.wonen).succeeded)
        #expect(scenario.when(.rescheduleDecision(decisionId: "open", due: "2027-01-01", reason: "Later"), by: S.regisseur).succeeded)
        #expect(scenario.when(.reassignDecision(decisionId: "open", ownerDepartment: "politie", reason: "Politie"), by: S.regisseur).succeeded)
        #expect(scenario.when(.withdrawDecision(decisionId: "open", reason: "Vervallen"), by: S.regisseur).succeeded)
        var audit = AuditIndex()
        audit.apply(scenario.log)
        let trail = audit.byDossier["d1"] ?? []
        #expect(Array(trail.suffix(4)) == Array((before + 1)...(before + 4)))
    }
}
