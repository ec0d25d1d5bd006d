import Coordination
import Events
import Projections
import Testing

/// `dossier.setConfidentiality` given/when/then: the event with its reason sealed, no event
/// for the value the dossier already has, allowed on a closed dossier, and the order of
/// checks (params, unknown dossier, role and scope, expected version).
@Suite struct ConfidentialityDeciderTests {
    typealias S = Scenario

    static let seed: [UInt8] = Array(repeating: 7, count: 32)

    static func decide(_ command: Command, by principal: ActingPrincipal, on model: CoordinationModel, expectedVersion: Int64? = nil) throws(DomainError) -> Decided {
        try CommandValidation.validate(command)
        return try Decider.decide(command, by: principal, on: model, expectedVersion: expectedVersion, sealer: TextSealer(seed: seed))
    }

    @Test func markingDecidesTheEventWithItsReasonSealedBesideTheLog() throws {
        let scenario = S.standard()
        let decided = try Self.decide(.setConfidentiality(dossierId: "d1", confidential: true, reason: "Zorgsignaal over een bewoner"), by: S.regisseur, on: scenario.model)
        var sealer = TextSealer(seed: Self.seed)
        let reason = sealer.seal("Zorgsignaal over een bewoner")
        #expect(decided.stream == "dossier-d1")
        #expect(decided.records == [EventRecord(DossierConfidentialitySet(dossierId: "d1", confidential: true, reason: reason))])
        #expect(reason.isSealed)
        #expect(decided.texts.map(\.text) == ["Zorgsignaal over een bewoner"])
        #expect(decided.texts.map(\.ref) == [reason.ref])
        #expect(decided.records.first?.data.canonicalString.contains("Zorgsignaal") == false, "the reason must not be in the hashed body")
    }

    @Test func theModelFollowsTheMarkAndItsLifting() {
        var scenario = S.standard()
        #expect(scenario.model.dossiers["d1"]?.confidential == false)
        #expect(scenario.when(.setConfidentiality(dossierId: "d1", confidential: true, reason: "Zorg"), by: S.regisseur).succeeded)
        #expect(scenario.model.dossiers["d1"]?.confidential == true)
        let lifted = scenario.when(.setConfidentiality(dossierId: "d1", confidential: false, reason: "Afgeschaald"), by: S.admin)
        #expect((try? lifted.get())?.map(\.type) == ["DossierConfidentialitySet"])
        #expect(scenario.model.dossiers["d1"]?.confidential == false)
    }

    @Test func theValueTheDossierAlreadyHasDecidesNoEvents() throws {
        var scenario = S.standard()
        #expect(try Self.decide(.setConfidentiality(dossierId: "d1", confidential: false, reason: "Niets"), by: S.regisseur, on: scenario.model).events.isEmpty)
        scenario.when(.setConfidentiality(dossierId: "d1", confidential: true, reason: "Zorg"), by: S.regisseur)
        let again = try Self.decide(.setConfidentiality(dossierId: "d1", confidential: true, reason: "Nog eens"), by: S.regisseur, on: scenario.model)
        #expect(again.events.isEmpty && again.texts.isEmpty)
        #expect(again.expectedVersion == scenario.model.version(of: "dossier-d1"))
    }

    @Test func aClosedDossierCanStillBeMarkedAndLifted() {
        var scenario = S.standard()
        #expect(scenario.when(.closeDossier(dossierId: "d1", resolution: "Opgelost"), by: S.regisseur).succeeded)
        #expect(scenario.when(.setConfidentiality(dossierId: "d1", confidential: true, reason: "Zorg"), by: S.regisseur).succeeded)
        #expect(scenario.model.dossiers["d1"]?.confidential == true && scenario.model.dossiers["d1"]?.closed == true)
        #expect(scenario.when(.setConfidentiality(dossierId: "d1", confidential: false, reason: "Voorbij"), by: S.regisseur).succeeded)
        #expect(scenario.model.dossiers["d1"]?.confidential == false)
    }

    @Test func checksRunInTheOrderOfTheReference() {
        var scenario = S.standard()
        let version = scenario.model.version(of: "dossier-d1")
        // params first: a blank reason on an unknown dossier by someone who may not
        #expect(scenario.when(.setConfidentiality(dossierId: "d-nope", confidential: true, reason: " "), by: S.wonen).kind == .invalidParams)
        #expect(scenario.when(.setConfidentiality(dossierId: "D1", confidential: true, reason: "r"), by: S.regisseur).kind == .invalidParams)
        // then the unknown dossier, before role and scope
        #expect(scenario.when(.setConfidentiality(dossierId: "d-nope", confidential: true, reason: "r"), by: S.wonen).kind == .notFound)
        // then role and scope, before the expected version
        #expect(scenario.when(.setConfidentiality(dossierId: "d1", confidential: true, reason: "r"), by: S.otherRegisseur, expectedVersion: 99).kind == .forbidden)
        #expect(scenario.when(.setConfidentiality(dossierId: "d1", confidential: true, reason: "r"), by: S.wethouder, expectedVersion: 99).kind == .forbidden)
        #expect(scenario.when(.setConfidentiality(dossierId: "d1", confidential: true, reason: "r"), by: S.wonen, expectedVersion: 99).kind == .forbidden, "not even the lead department")
        // then the expected version, also for a value that would change nothing
        #expect(scenario.when(.setConfidentiality(dossierId: "d1", confidential: false, reason: "r"), by: S.regisseur, expectedVersion: 99).kind == .conflict)
        #expect(scenario.when(.setConfidentiality(dossierId: "d1", confidential: true, reason: "r"), by: S.regisseur, expectedVersion: version).succeeded)
    }
}
