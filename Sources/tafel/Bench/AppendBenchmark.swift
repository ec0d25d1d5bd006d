import EventStore
import Events
import Foundation
import Glibc
import Synchronization

/// `tafel bench append`: events/s and p50/p99 append latency per concurrency level, with
/// the raw rate of small `write` + `fdatasync` on the same file system as the baseline, and
/// on the file store also the JSON parse rate of the same events (``JSONParseBaseline``).
///
/// On the file store it writes into a fresh scratch directory (removed afterwards) so a
/// real store is never polluted.
enum AppendBenchmark {
    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["store", "events", "concurrency", "keep", "baseline-transactions", "rounds", "texts"])
        let events = try arguments.integer("events", default: 20_000)
        let rounds = try arguments.integer("rounds", default: 1)
        guard rounds >= 1 else { throw CLIError("--rounds takes a number of at least 1", exitCode: 2) }
        let sealed: Bool
        switch arguments.value("texts") ?? "inline" {
        case "inline": sealed = false
        case "sealed": sealed = true
        default: throw CLIError("--texts takes inline or sealed", exitCode: 2)
        }
        let levels = try (arguments.value("concurrency") ?? "").split(separator: ",").map { text -> Int in
            guard let level = Int(text), level > 0 else { throw CLIError("--concurrency takes numbers like 1,8,64", exitCode: 2) }
            return level
        }
        let plan = Plan(events: events, rounds: rounds, sealed: sealed)
        let location = arguments.value("store").map(StoreLocation.init) ?? .directory("./tafel-bench-\(getpid())")
        switch location {
        case let .directory(path):
            return try await runOnFiles(path: path, plan: plan, levels: levels.isEmpty ? [1, 8, 64] : levels,
                keep: arguments.value("keep") != nil)
        case let .postgres(uri):
            return try await runOnPostgres(uri: uri, plan: plan, levels: levels.isEmpty ? [1, 16, 64] : levels,
                baselineTransactions: try arguments.integer("baseline-transactions", default: 3000))
        }
    }

    /// How much to append per level, and in how many rounds: each round measures its own
    /// baseline right before it, and a level reports the median of its rounds' ratios, so
    /// that a neighbour's burst on a shared machine moves one round, not the verdict.
    struct Plan {
        var events: Int
        var rounds: Int
        /// Whether each event's note is sealed beside the log (``Events/SealedText``, stored
        /// with the append) instead of inline in the body.
        var sealed = false
    }

    static func runOnFiles(path: String, plan: Plan, levels: [Int], keep: Bool) async throws -> Int32 {
        var info = stat()
        if stat(path, &info) == 0 { throw CLIError("\(path) exists; bench append needs a fresh scratch directory") }
        let store = try FileEventStore.open(directory: path, create: true)
        let records = sampleRecords()
        try await report(
            store: store, plan: plan, levels: levels,
            baseline: {
                let directory = parentDirectory(of: path)
                return (
                    growing: try FsyncBaseline.measure(directory: directory),
                    preallocated: try FsyncBaseline.measure(directory: directory, preallocated: true),
                    parsing: JSONParseBaseline.measure(records, minimumSeconds: 0.3))
            },
            describe: {
                "\(Int($0.growing)) write+fdatasync/s (300-byte records appended to a file, same file system); \(Int($0.preallocated))/s into preallocated blocks; JSONSerialization parses \(Int($0.parsing)) of the benchmark's events/s (one thread)"
            },
            ratios: { rate, baseline in
                [
                    ("fdatasync rate", rate / baseline.growing), ("into preallocated blocks", rate / baseline.preallocated),
                    ("JSON parse rate", rate / baseline.parsing),
                ]
            })
        await store.close()
        if !keep { try? FileManager.default.removeItem(atPath: path) }
        return 0
    }

    /// Appends into the given database's log: point it at a scratch database, never production.
    static func runOnPostgres(uri: String, plan: Plan, levels: [Int], baselineTransactions: Int) async throws -> Int32 {
        let store = try await PostgresEventStore.open(conninfo: uri)
        let clients = levels.max() ?? 64
        try await report(
            store: store, plan: plan, levels: levels,
            baseline: { try PgbenchBaseline.measure(uri: uri, transactions: baselineTransactions, clients: clients) },
            describe: {
                "pgbench \(Int($0.singleRowTransactionsPerSecond)) single-row INSERT transactions/s (1 client), \(Int($0.batchedRowsPerSecond)) rows/s in 100-row INSERT transactions (\(clients) clients)"
            },
            ratios: { rate, baseline in
                [("single-row pgbench", rate / baseline.singleRowTransactionsPerSecond), ("100-row pgbench", rate / baseline.batchedRowsPerSecond)]
            })
        await store.close()
        return 0
    }

    /// Measures each level and prints its rate, its ratios to a baseline measured just
    /// before it (on a shared machine the baseline drifts within one run), and p50/p99 latency.
    /// With several rounds, each round has its own baseline; the level's rate and latencies
    /// cover all its events, and each ratio is the median of the rounds' with their range.
    static func report<Baseline>(
        store: any EventStore, plan: Plan, levels: [Int], baseline: () throws -> Baseline, describe: (Baseline) -> String,
        ratios: (Double, Baseline) -> [(label: String, value: Double)]
    ) async throws {
        for level in levels {
            var seconds = 0.0
            var latencies: [UInt64] = []
            var rounds: [[(label: String, value: Double)]] = []
            for _ in 0..<plan.rounds {
                let measured = try baseline()
                print("baseline: \(describe(measured))")
                let outcome = try await measure(
                    store: store, events: max(plan.events / plan.rounds, level), concurrency: level, sealed: plan.sealed)
                seconds += outcome.seconds
                latencies += outcome.latencies
                rounds.append(ratios(outcome.rate, measured))
            }
            let summary = LatencySummary(nanoseconds: latencies)
            let medianNote = plan.rounds > 1 ? "; medians of \(plan.rounds) rounds" : ""
            print(
                "concurrency \(level): \(Int(Double(latencies.count) / seconds)) events/s (\(describeRatios(rounds))\(medianNote)), p50 \(formatted(summary.p50, digits: 3)) ms, p99 \(formatted(summary.p99, digits: 3)) ms"
            )
        }
    }

    /// Each ratio as the median of its rounds, with their range when there are several.
    static func describeRatios(_ rounds: [[(label: String, value: Double)]]) -> String {
        rounds[0].indices.map { index in
            let values = rounds.map { $0[index].value }.sorted()
            let middle = values.count / 2
            let median = values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
            let range = values.count > 1 ? " [\(formatted(values.first!))-\(formatted(values.last!))]" : ""
            return "\(formatted(median))x \(rounds[0][index].label)\(range)"
        }.joined(separator: ", ")
    }

    static func parentDirectory(of path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return url.deletingLastPathComponent().path
    }

    struct Outcome {
        var seconds: Double
        var latencies: [UInt64]

        var rate: Double { Double(latencies.count) / seconds }
    }

    /// A realistic body: a department's status update with a note.
    /// Built as JSON directly: the benchmark measures the store, not the event encoder.
    static func sampleEvent(worker: Int, sequence: Int) -> ProposedEvent {
        ProposedEvent(
            type: DepartmentStatusUpdated.eventType,
            data: [
                "dossierId": .string("bench-\(worker)"), "departmentId": "openbare-ruimte", "status": "in_progress",
                "note": .string(note(sequence)),
            ])
    }

    static func note(_ sequence: Int) -> String {
        "Schouw uitgevoerd op \(sequence); herstel bestrating gepland in week 48, bewoners geïnformeerd."
    }

    /// The canonical bytes of a thousand of the events the benchmark appends, as the store
    /// writes them: what ``JSONParseBaseline`` parses on the file store.
    static func sampleRecords() -> [[UInt8]] {
        let actor = Actor(principalId: "bench", role: "regisseur")
        let requests = (0..<1000).map { sequence in
            AppendRequest(
                stream: "dossier-bench-c64-\(sequence % 64)", expectedVersion: .any,
                events: [sampleEvent(worker: sequence % 64, sequence: sequence)], actor: actor)
        }
        return AppendPlanner.plan(
            requests, after: .empty, now: Timestamp.now(), streamVersion: { _ in 0 }, priorResult: { _ in nil }
        ).canonical
    }

    /// The sample event with its note sealed: the body holds reference and digest (schema
    /// version 2), the text goes with the append.
    static func sealedSample(worker: Int, sequence: Int, sealer: inout TextSealer) -> (ProposedEvent, SealedText) {
        let freeText = sealer.seal(note(sequence))
        let event = ProposedEvent(
            type: DepartmentStatusUpdated.eventType, schemaVersion: DepartmentStatusUpdated.schemaVersion,
            data: [
                "dossierId": .string("bench-\(worker)"), "departmentId": "openbare-ruimte", "status": "in_progress",
                "note": freeText.json,
            ])
        return (event, sealer.sealed[sealer.sealed.count - 1])
    }

    static func measure(store: any EventStore, events: Int, concurrency: Int, sealed: Bool = false) async throws -> Outcome {
        let perWorker = events / concurrency
        let actor = Actor(principalId: "bench", role: "regisseur")
        let runId = EventId.random().prefix(8)
        let start = MonotonicClock.now()
        let latencies = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [UInt64] = []
                    latencies.reserveCapacity(perWorker)
                    var sealer = TextSealer.random()
                    for sequence in 0..<perWorker {
                        var request = AppendRequest(
                            stream: "dossier-bench-\(runId)-c\(concurrency)-\(worker)", expectedVersion: .exact(Int64(sequence)),
                            events: [sampleEvent(worker: worker, sequence: sequence)], actor: actor)
                        if sealed {
                            let (event, text) = sealedSample(worker: worker, sequence: sequence, sealer: &sealer)
                            request.events = [event]
                            request.texts = [text]
                        }
                        let before = MonotonicClock.now()
                        _ = try await store.append(request.withNoStreamAtStart(sequence))
                        latencies.append(MonotonicClock.now() - before)
                    }
                    return latencies
                }
            }
            var all: [UInt64] = []
            for try await part in group { all += part }
            return all
        }
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        return Outcome(seconds: seconds, latencies: latencies)
    }
}

extension AppendRequest {
    /// The first append of a stream expects no stream rather than version 0.
    func withNoStreamAtStart(_ sequence: Int) -> AppendRequest {
        var copy = self
        if sequence == 0 { copy.expectedVersion = .noStream }
        return copy
    }
}
