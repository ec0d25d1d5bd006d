import Coordination
import Events
import Projections

/// Given/when/then for deciders: a history of events, a command by a principal, and the
/// events (or the error) that come out.
struct Scenario {
    var model = CoordinationModel()
    var position: Int64 = 0
    /// Every envelope given so far, in log order.
    var log: [EventEnvelope] = []

    static let noord = "SD-noord"
    static let zuid = "SD-zuid"
    static let admin = ActingPrincipal(principalId: "admin", role: .admin)
    static let regisseur = ActingPrincipal(principalId: "reg-noord", role: .regisseur, stadsdelen: [noord])
    static let otherRegisseur = ActingPrincipal(principalId: "reg-zuid", role: .regisseur, stadsdelen: [zuid])
    static let wonen = ActingPrincipal(principalId: "wonen-1", role: .department, departments: ["wonen"])
    static let openbareRuimte = ActingPrincipal(principalId: "or-1", role: .department, departments: ["openbare-ruimte"])
    static let verkeer = ActingPrincipal(principalId: "verkeer-1", role: .department, departments: ["verkeer"])
    static let politie = ActingPrincipal(principalId: "politie-1", role: .partner, departments: ["politie"])
    static let wethouder = ActingPrincipal(principalId: "weth-noord", role: .wethouder, stadsdelen: [noord])
    static let otherWethouder = ActingPrincipal(principalId: "weth-zuid", role: .wethouder, stadsdelen: [zuid])
    static let auditor = ActingPrincipal(principalId: "audit-1", role: .auditor)

    /// A municipality with two stadsdelen, four departments and a partner, a table in
    /// Noord with Wonen, Openbare Ruimte and Politie, and a dossier d1 with Wonen as lead.
    static func standard() -> Scenario {
        var scenario = Scenario()
        scenario.given(
            AreaDefined(code: noord, name: "Noordoost", kind: "stadsdeel"),
            AreaDefined(code: zuid, name: "Zuidwest", kind: "stadsdeel"),
            AreaDefined(code: "WK093501", name: "Wyck", kind: "wijk", parent: noord),
            DepartmentRegistered(departmentId: "wonen", name: "Wonen", external: false),
            DepartmentRegistered(departmentId: "openbare-ruimte", name: "Openbare Ruimte", external: false),
            DepartmentRegistered(departmentId: "verkeer", name: "Verkeer en Mobiliteit", external: false),
            DepartmentRegistered(departmentId: "politie", name: "Politie", external: true),
            TableEstablished(tableId: "t1", name: "Tafel Noordoost", stadsdeel: noord, members: ["wonen", "openbare-ruimte", "politie"]),
            TableEstablished(tableId: "t2", name: "Tafel Zuidwest", stadsdeel: zuid, members: ["verkeer"]),
            DossierRaised(dossierId: "d1", tableId: "t1", title: "Overlast Frontenpark", deadline: "2026-12-01"),
            DepartmentAssigned(dossierId: "d1", departmentId: "wonen", role: "lead"),
            DepartmentAssigned(dossierId: "d1", departmentId: "politie", role: "contributor"),
            MeetingScheduled(meetingId: "m1", tableId: "t1", date: "2026-12-03")
        )
        return scenario
    }

    mutating func given(_ events: any DomainEvent...) {
        for event in events {
            position += 1
            let envelope = EventEnvelope(
                position: position, stream: event.stream, version: model.version(of: event.stream) + 1,
                type: type(of: event).eventType, schemaVersion: 1, eventId: "e\(position)",
                recordedAt: Timestamp(millisecondsSinceEpoch: 1_795_000_000_000 + position * 1000),
                actor: Actor(principalId: "seed", role: "admin"), correlationId: "c", causationId: nil, requestId: nil,
                data: event.data, previousHash: "", hash: "")
            model.apply(envelope)
            log.append(envelope)
        }
    }

    /// The sealer the next ``when(_:by:expectedVersion:)`` decides with, seeded by the log's
    /// position: a test seals its expected texts with a copy and compares whole events.
    var nextSealer: TextSealer { TextSealer(seed: Array("scenario-\(position)".utf8)) }

    /// Runs the command; on success the events are also applied, so scenarios can go on.
    @discardableResult
    mutating func when(_ command: Command, by principal: ActingPrincipal, expectedVersion: Int64? = nil) -> Result<[EventRecord], DomainError> {
        do throws(DomainError) {
            try CommandValidation.validate(command)
            let decided = try Decider.decide(command, by: principal, on: model, expectedVersion: expectedVersion, sealer: nextSealer)
            for event in decided.events { given(event) }
            // The service's follow-ups: carry-over after closing or cancelling, and into a rescheduled meeting.
            var followUp: Decided?
            switch command {
            case let .closeMeeting(meetingId), let .cancelMeeting(meetingId, _): followUp = Decider.carryOverAfterClosing(meetingId, on: model)
            case let .rescheduleMeeting(meetingId, _, _, _): followUp = Decider.carryOver(into: meetingId, on: model)
            default: break
            }
            if let followUp {
                for event in followUp.events { given(event) }
                return .success(decided.records + followUp.records)
            }
            return .success(decided.records)
        } catch {
            return .failure(error)
        }
    }
}

extension Result where Failure == DomainError {
    var rule: String? { if case let .failure(error) = self { return error.rule } else { return nil } }
    var kind: DomainError.Kind? { if case let .failure(error) = self { return error.kind } else { return nil } }
    var succeeded: Bool { if case .success = self { return true } else { return false } }
}
