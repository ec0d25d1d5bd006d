import EventStore
import Events
import Glibc
import Synchronization

/// `tafel stress append`: appends from many concurrent writers until killed (or `--events`
/// are done), printing `ack <position> <eventId>` for every acknowledged append and
/// `fail <code> <eventId>` for every refused one (the first event's id in both), and going on
/// after failures (a database restart). The crash and fault tests check that every
/// acknowledged append survived, and that every refused one is absent unless its code is
/// `outcome_unknown`.
enum StressCommand {
    static let output = Mutex(())

    static func run(_ arguments: [String]) async throws -> Int32 {
        guard arguments.first == "append" else { throw CLIError("usage: tafel stress append --store S", exitCode: 2) }
        let options = try Arguments(Array(arguments.dropFirst()))
        try options.requireOnly(["store", "concurrency", "events"])
        let concurrency = try options.integer("concurrency", default: 32)
        let limit = try options.integer("events", default: Int.max)
        let store = try await StoreOpener.open(StoreOpener.location(options), create: true)
        let actor = Actor(principalId: "stress", role: "admin")
        let tag = EventId.random().prefix(8)
        let perWorker = limit == Int.max ? Int.max : max(1, limit / max(concurrency, 1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var sequence = 0
                    while sequence < perWorker {
                        let eventId = ProposedEvent.newEventId()
                        var sealer = TextSealer.random()
                        let events = (0...(sequence % 3)).map { part in
                            ProposedEvent(
                                DepartmentStatusUpdated(
                                    dossierId: "stress-\(worker)", departmentId: "wonen", status: "in_progress",
                                    note: sealer.seal("stress \(sequence).\(part)")),
                                eventId: part == 0 ? eventId : ProposedEvent.newEventId())
                        }
                        sequence += 1
                        do {
                            let result = try await store.append(
                                AppendRequest(
                                    stream: "dossier-stress-\(tag)-\(worker)", events: events, actor: actor, texts: sealer.sealed))
                            emit("ack \(result.positions[0]) \(eventId)\n")
                        } catch {
                            emit("fail \(EventStoreError.from(error).code) \(eventId)\n")
                            try await Task.sleep(for: .milliseconds(20))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        await store.close()
        return 0
    }

    static func emit(_ text: String) {
        let line = Array(text.utf8)
        output.withLock { _ in
            line.withUnsafeBytes { buffer in
                var done = 0
                while done < buffer.count {
                    let n = write(1, buffer.baseAddress! + done, buffer.count - done)
                    if n < 0 { if errno == EINTR { continue } else { return } }
                    done += n
                }
            }
        }
    }
}
