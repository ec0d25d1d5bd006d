import Coordination
import Events
import Projections
import Testing

/// The decision model fed live equals a rebuild from position 0, and replaying up to any
/// position P gives exactly the state the live model had at P — over random valid
/// command sequences, erasures of personal data among them (run by an admin, who may run
/// every command).
@Suite struct RebuildTests {
    typealias S = Scenario

    /// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
    struct SplitMix {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static func randomCommand(_ random: inout SplitMix) -> Command {
        let dossier = "d\(random.next(6))"
        let meeting = "m\(random.next(4))"
        let department = ["wonen", "openbare-ruimte", "politie", "verkeer"][random.next(4)]
        let date = "2027-0\(1 + random.next(9))-1\(random.next(9))"
        switch random.next(25) {
        case 19: return .recordAttendance(meetingId: meeting, departmentId: department, presence: ["present", "absent", "excused"][random.next(3)], delegate: random.next(2) == 0 ? "Afgevaardigde" : nil)
        case 20: return .rescheduleMeeting(meetingId: meeting, date: date, location: random.next(2) == 0 ? "Stadhuis" : nil, reason: "r")
        case 21: return .cancelMeeting(meetingId: meeting, reason: "r")
        case 22: return .finaliseAgenda(meetingId: meeting)
        case 23: return random.next(2) == 0 ? .approveMinutes(meetingId: meeting) : .amendNotes(meetingId: meeting, itemId: "i\(random.next(8))", notes: "n", reason: "r")
        case 24: return .addAgendaItem(meetingId: meeting, itemId: "i\(random.next(8))", dossierId: nil, topic: "Laat", late: true)
        case 0: return .raiseDossier(dossierId: dossier, tableId: "t1", title: "Dossier \(dossier)", summary: random.next(2) == 0 ? nil : "s", area: nil, deadline: date)
        case 1: return .assignDepartment(dossierId: dossier, departmentId: department, role: random.next(3) == 0 ? "lead" : "contributor")
        case 2: return .unassignDepartment(dossierId: dossier, departmentId: department)
        case 3, 4: return .updateStatus(dossierId: dossier, departmentId: department, status: ["open", "in_progress", "blocked", "done"][random.next(4)], note: "n\(random.next(100))")
        case 5: return .escalate(dossierId: dossier, to: "college", reason: "r")
        case 6: return .resolveEscalation(dossierId: dossier, outcome: "o")
        case 7: return .closeDossier(dossierId: dossier, resolution: "r")
        case 8: return .reopenDossier(dossierId: dossier, reason: "r")
        case 9: return .scheduleMeeting(meetingId: meeting, tableId: "t1", date: date, location: nil)
        case 10: return .addAgendaItem(meetingId: meeting, itemId: "i\(random.next(8))", dossierId: random.next(2) == 0 ? dossier : nil, topic: nil)
        case 11: return .addAgendaItem(meetingId: meeting, itemId: "i\(random.next(8))", dossierId: nil, topic: "Topic")
        case 12: return .moveAgendaItem(meetingId: meeting, itemId: "i\(random.next(8))", position: 1 + random.next(3))
        case 13: return .recordDiscussion(meetingId: meeting, itemId: "i\(random.next(8))", notes: random.next(2) == 0 ? nil : "n")
        case 14: return .closeMeeting(meetingId: meeting)
        case 15: return .setConfidentiality(dossierId: dossier, confidential: random.next(2) == 0, reason: "r")
        case 16, 17:
            let fields: [String]? = random.next(2) == 0 ? nil : [["note", "reason", "summary", "text", "notes", "outcome"][random.next(6)]]
            return .erasePersonalData(dossierId: dossier, ref: nil, fields: fields, reason: "AVG art. 17", requestRef: nil)
        default: return .takeDecision(decisionId: "b\(random.next(20))", meetingId: meeting, text: "Besluit", ownerDepartment: department, dossierId: dossier, due: date)
        }
    }

    @Test(arguments: 1...12)
    func rebuildAndAsOfEqualTheLiveModel(seed: Int) {
        var random = SplitMix(state: UInt64(seed))
        var scenario = S.standard()
        var snapshots: [Int64: CoordinationModel] = [scenario.position: scenario.model]
        var accepted = 0
        var erasures = 0
        for _ in 0..<800 {
            let command = Self.randomCommand(&random)
            if scenario.when(command, by: S.admin).succeeded {
                accepted += 1
                if case .erasePersonalData = command, scenario.log.last?.type == PersonalDataErased.eventType { erasures += 1 }
            }
            snapshots[scenario.position] = scenario.model
        }
        #expect(accepted > 100, "seed \(seed) produced too few valid commands to mean anything")
        let log = scenario.log
        var rebuilt = CoordinationModel()
        for envelope in log {
            rebuilt.apply(envelope)
            if let live = snapshots[envelope.position] { #expect(rebuilt == live, "as-of position \(envelope.position), seed \(seed)") }
        }
        #expect(rebuilt == scenario.model)
        #expect(rebuilt.unreadable == 0)
        #expect(erasures > 3, "seed \(seed) erased too little to mean anything")
        #expect(!rebuilt.erasedTexts.isEmpty)
        // Every text the model knows is one of the log's, and the other way round: found
        // in the bodies themselves, so an event kind whose free text the index (or
        // FreeTextFields) forgot cannot hide from erasure and search.
        let written = Set(log.flatMap { FreeText.sealed(in: $0.data).map(\.text.ref) })
        #expect(Set(rebuilt.freeTexts.keys) == written)
        #expect(Set(log.flatMap { FreeTextFields.texts(of: $0).map(\.text.ref) }) == written)
    }
}
