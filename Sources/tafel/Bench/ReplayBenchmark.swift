import EventStore
import Events
import Foundation
import Glibc
import Projections

/// `tafel bench replay [--events N]`: generates a realistic log of N events (seven
/// stadsdelen, their tables and departments, dossiers with assignments, status updates,
/// deadlines, escalations and closings, meetings with agendas and decisions), then feeds
/// its bytes through parsing, envelope decoding and every projection, and reports events/s
/// against the rate at which Foundation's `JSONSerialization` merely parses the same bytes,
/// measured in the same run, plus peak memory.
enum ReplayBenchmark {
    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["events"])
        let target = try arguments.integer("events", default: 1_000_000)
        let generationStart = MonotonicClock.now()
        let lines = generate(events: target)
        let bytes = lines.reduce(0) { $0 + $1.count }
        printError("tafel: generated \(lines.count) events (\(bytes / max(lines.count, 1)) bytes each) in \(formatted(Double(MonotonicClock.now() - generationStart) / 1e9)) s")

        let baselineRate = JSONParseBaseline.measure(lines)

        let memoryBefore = peakResidentBytes()
        let start = MonotonicClock.now()
        var model = CoordinationModel()
        var audit = AuditIndex()
        for line in lines {
            let envelope = try EventEnvelope.decode(line)
            model.apply(envelope)
            audit.apply(envelope)
        }
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        let rate = Double(lines.count) / seconds
        let memoryAfter = peakResidentBytes()
        print("baseline: JSONSerialization parses \(Int(baselineRate)) events/s of the same bytes")
        print("replay: \(Int(rate)) events/s through parsing, envelope decoding and all projections (decision model and audit index; \(formatted(rate / baselineRate))x the JSONSerialization parse rate)")
        print("memory: peak resident \(memoryAfter / 1_048_576) MiB (\(max(0, memoryAfter - memoryBefore) / Int64(max(lines.count, 1))) bytes/event over the generated log held in memory); unreadable events: \(model.unreadable); audit index holds \(audit.position) positions")
        try printBreakdown(lines, total: seconds)
        return model.unreadable == 0 ? 0 : 1
    }

    /// Where the replay's time goes: the same bytes decoded into envelopes only; the rest of
    /// the full run is the projections.
    static func printBreakdown(_ lines: [[UInt8]], total: Double) throws {
        let start = MonotonicClock.now()
        var positions: Int64 = 0
        for line in lines { positions &+= try EventEnvelope.decode(line).position }
        let decoding = Double(MonotonicClock.now() - start) / 1e9
        func share(_ part: Double) -> String { "\(Int((part / total * 100).rounded()))%" }
        print("breakdown: decoding bytes into envelopes \(share(decoding)), projections \(share(max(0, total - decoding))) (checksum \(positions % 1000))")
    }

    static func peakResidentBytes() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
    }

    /// Canonical JSON lines of sealed envelopes, as `tafel export` writes them.
    static func generate(events target: Int) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        lines.reserveCapacity(target)
        var previous = HashChain.genesis
        var versions: [String: Int64] = [:]
        var clock: Int64 = 1_767_225_600_000
        let actor = Actor(principalId: "reg-1", role: "regisseur")
        func emit(_ event: some DomainEvent) {
            guard lines.count < target else { return }
            clock += 60_000
            let stream = event.stream
            let version = (versions[stream] ?? 0) + 1
            versions[stream] = version
            var envelope = EventEnvelope(
                position: Int64(lines.count + 1), stream: stream, version: version, type: type(of: event).eventType,
                schemaVersion: 1, eventId: EventId.random(), recordedAt: Timestamp(millisecondsSinceEpoch: clock), actor: actor,
                correlationId: EventId.random(), causationId: nil, requestId: nil, data: event.data, previousHash: "", hash: "")
            previous = HashChain.seal(&envelope, after: previous).hash
            lines.append(envelope.json.canonicalBytes)
        }
        let departments = ["openbare-ruimte", "wonen", "sociaal-domein", "veiligheid", "verkeer", "economie", "stadsontwikkeling", "politie", "woningcorporatie"]
        for (index, department) in departments.enumerated() {
            emit(DepartmentRegistered(departmentId: department, name: department.capitalized, external: index >= 7))
        }
        for district in 1...7 {
            emit(AreaDefined(code: "SD-\(district)", name: "Stadsdeel \(district)", kind: "stadsdeel"))
            emit(TableEstablished(tableId: "t\(district)", name: "Tafel \(district)", stadsdeel: "SD-\(district)", members: departments))
        }
        var random = SystemRandomNumberGenerator()
        var dossier = 0
        var meeting = 0
        var sealer = TextSealer.random()
        while lines.count < target {
            dossier += 1
            let table = "t\(1 + dossier % 7)"
            let id = "d\(dossier)"
            emit(DossierRaised(dossierId: id, tableId: table, title: "Dossier \(dossier)", summary: sealer.seal("Samenvatting van dossier \(dossier) voor de stadsdeeltafel"), deadline: "2026-\(10 + dossier % 3)-1\(dossier % 9)"))
            let assigned = (0..<3).map { departments[(dossier + $0 * 2) % departments.count] }
            for (index, department) in assigned.enumerated() {
                emit(DepartmentAssigned(dossierId: id, departmentId: department, role: index == 0 ? "lead" : "contributor"))
            }
            for step in 0..<8 {
                let status = ["open", "in_progress", "blocked", "done"][Int(random.next() % 4)]
                emit(DepartmentStatusUpdated(dossierId: id, departmentId: assigned[step % 3], status: status, note: sealer.seal("Voortgang stap \(step): afgestemd met de wijk")))
            }
            if dossier % 5 == 0 {
                emit(DossierEscalated(dossierId: id, to: "stadsdeelwethouder", reason: sealer.seal("Geen overeenstemming over budget")))
                emit(EscalationResolved(dossierId: id, outcome: sealer.seal("Budget toegekend door de wethouder")))
            }
            if dossier % 2 == 0 { emit(DossierClosed(dossierId: id, resolution: sealer.seal("Afgerond"))) }
            if dossier % 10 == 0 {
                meeting += 1
                let meetingId = "m\(meeting)"
                emit(MeetingScheduled(meetingId: meetingId, tableId: table, date: "2026-\(1 + meeting % 12)-1\(meeting % 9)"))
                for item in 0..<6 { emit(AgendaItemAdded(meetingId: meetingId, itemId: "i\(item)", topic: "Agendapunt \(item)")) }
                for item in 0..<4 { emit(DiscussionRecorded(meetingId: meetingId, itemId: "i\(item)", notes: sealer.seal("Besproken"))) }
                emit(DecisionTaken(decisionId: "b\(meeting)", meetingId: meetingId, text: sealer.seal("Vervolgafspraak"), ownerDepartment: assigned[0], dossierId: id, due: "2026-12-01"))
                emit(MeetingClosed(meetingId: meetingId))
            }
        }
        return lines
    }
}
