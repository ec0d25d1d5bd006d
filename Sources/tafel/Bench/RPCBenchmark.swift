import Coordination
import EventStore
import Events
import Foundation
import Glibc
import RPC
import Synchronization

/// `tafel bench rpc [--url http://HOST:PORT --token ADMIN_TOKEN] [--seconds S]
/// [--concurrency 1,16,64]`: requests/s and p50/p99 latency over keep-alive HTTP for a query
/// (`dossier.get`), a command (`dossier.updateStatus`), an as-of query (`dossier.get` at
/// the position ten events before the head, which the command runs have grown) and
/// `audit.verify`, each against the rate of `GET /health` measured in the same run at the
/// same concurrency — the HTTP floor.
///
/// Without `--url` it serves a fresh embedded store in this process (request log off), as
/// `tafel serve` would; with `--url` it sets up its own table and dossiers on that server
/// with the admin token.
///
/// In process it serves the same service twice, with the read log off and on, and reports
/// `dossier.get` with the read log on as a ratio to the same query with it off at the same
/// concurrency, measured off, on, on, off (the read log's cost on the hot path; target ≥ 0.85×).
enum RPCBenchmark {
    struct Target: Sendable {
        var host: String
        var port: Int
    }

    static func run(_ arguments: Arguments) async throws -> Int32 {
        try arguments.requireOnly(["url", "token", "seconds", "concurrency", "store"])
        let seconds = Double(arguments.value("seconds") ?? "3") ?? 3
        let levels = try (arguments.value("concurrency") ?? "1,16,64").split(separator: ",").map { text -> Int in
            guard let level = Int(text), level > 0, level <= 1024 else { throw CLIError("--concurrency takes numbers like 1,16,64", exitCode: 2) }
            return level
        }
        var local: (server: HTTPServer, store: any EventStore, directory: String?)?
        var readLogged: (server: HTTPServer, writer: ReadLogWriter, task: Task<Void, Never>, target: Target)?
        let target: Target
        let admin: String
        if let url = arguments.value("url") {
            guard let token = arguments.value("token") else { throw CLIError("--url needs --token with an admin token of that server", exitCode: 2) }
            guard let components = URLComponents(string: url), let host = components.host else { throw CLIError("--url must be like http://127.0.0.1:8480", exitCode: 2) }
            target = Target(host: host, port: components.port ?? 80)
            admin = token
        } else {
            let directory = arguments.value("store") ?? FileManager.default.temporaryDirectory.appendingPathComponent("tafel-bench-rpc-\(EventId.random())").path
            let store = try FileEventStore.open(directory: directory, create: true)
            let service = try await CoordinationService(store: store)
            admin = Token.generate()
            _ = try await service.execute(
                .registerPrincipal(principalId: "bench-admin", name: "Benchmark", role: .admin, stadsdelen: [], departments: [], tokenHash: Token.hash(admin)),
                by: ActingPrincipal(principalId: "system", role: .admin))
            let dispatcher = RPCDispatcher(service: service, version: Tafel.version)
            let application = RPCApplication(dispatcher: dispatcher, log: RequestLog(enabled: false), connections: { 0 })
            let server = try HTTPServer(host: "127.0.0.1", port: 0, limits: ServerLimits()) { await application.handle($0) }
            server.start()
            let writer = ReadLogWriter(log: try FileReadLog.open(directory: directory))
            await service.useReadLog(writer)
            let logged = RPCApplication(
                dispatcher: RPCDispatcher(service: service, version: Tafel.version, reads: ReadRecorder(writer: writer)), log: RequestLog(enabled: false),
                connections: { 0 })
            let loggedServer = try HTTPServer(host: "127.0.0.1", port: 0, limits: ServerLimits()) { await logged.handle($0) }
            loggedServer.start()
            readLogged = (loggedServer, writer, Task { await writer.run() }, Target(host: "127.0.0.1", port: loggedServer.port))
            local = (server, store, arguments.value("store") == nil ? directory : nil)
            target = Target(host: "127.0.0.1", port: server.port)
            printError("tafel: benchmarking an in-process server on a fresh embedded store at \(directory)")
        }
        let fixture = try await onThread { try Fixture.create(target: target, admin: admin, dossiers: levels.max() ?? 64) }
        print("tafel bench rpc: \(seconds) s per measurement, keep-alive connections, \(target.host):\(target.port)")
        print("concurrency  request                 req/s      p50 ms   p99 ms   vs /health")
        for level in levels {
            let floor = try await measure(target, level, seconds, fixture, .health)
            report(level, "GET /health", floor, floor.rate)
            let query = try await measure(target, level, seconds, fixture, .query)
            report(level, "dossier.get", query, floor.rate)
            if let readLogged {
                // Off, on, on, off: a drift over the run (a growing log, a warming cache) weighs
                // on both sides alike.
                let logged = try await measure(readLogged.target, level, seconds, fixture, .query)
                report(level, "dossier.get, read log", logged, floor.rate)
                let loggedAgain = try await measure(readLogged.target, level, seconds, fixture, .query)
                let again = try await measure(target, level, seconds, fixture, .query)
                let ratio = (logged.rate + loggedAgain.rate) / max(query.rate + again.rate, 1)
                let cpuOn = (logged.cpuPerRequest + loggedAgain.cpuPerRequest) / 2 * 1e6
                let cpuOff = (query.cpuPerRequest + again.cpuPerRequest) / 2 * 1e6
                print(
                    "\(String(level).padded(11)) read log on / off      \(formatted(ratio))x req/s (off, on, on, off); processor per request "
                        + "\(formatted(cpuOff, digits: 1)) µs off, \(formatted(cpuOn, digits: 1)) µs on: \(formatted(cpuOff / max(cpuOn, 0.001)))x; "
                        + "dropped \(readLogged.writer.dropped)")
            }
            let command = try await measure(target, level, seconds, fixture, .command)
            report(level, "dossier.updateStatus", command, floor.rate)
            let position = max(1, try await onThread { try headPosition(target) } - 10)
            let asOf = try await measure(target, level, seconds, fixture, .asOf(position))
            report(level, "dossier.get atPosition", asOf, floor.rate)
            let verify = try await measure(target, level, seconds, fixture, .verify)
            report(level, "audit.verify", verify, floor.rate)
        }
        if let readLogged {
            await readLogged.server.stop()
            readLogged.task.cancel()
            await readLogged.task.value
            await readLogged.writer.log.close()
        }
        if let local {
            await local.server.stop()
            await local.store.close()
            if let directory = local.directory { try? FileManager.default.removeItem(atPath: directory) }
        }
        return 0
    }

    static func report(_ level: Int, _ name: String, _ result: Measurement, _ floor: Double) {
        let columns = [
            String(level).padded(11), name.padded(22), formatted(result.rate, digits: 0).padded(10),
            formatted(result.latency.p50).padded(8), formatted(result.latency.p99).padded(8),
            "\(formatted(result.rate / max(floor, 1)))x" + (result.errors > 0 ? "  (\(result.errors) errors)" : ""),
        ]
        print(columns.joined(separator: " "))
    }

    enum Kind: Sendable, Equatable {
        case health, query, command, asOf(Int64), verify
    }

    /// The server's log head, from `GET /health`.
    static func headPosition(_ target: Target) throws -> Int64 {
        let response = try HTTPClientConnection(host: target.host, port: target.port).request("GET", "/health", headers: [])
        guard case let .int(position)? = try JSONParser.parse(response.body)["headPosition"] else {
            throw CLIError("GET /health named no headPosition: \(response.text)")
        }
        return position
    }

    /// Latencies and errors from every client thread.
    final class Collector: Sendable {
        let state = Mutex<(latencies: [UInt64], errors: Int)>(([], 0))
    }

    struct Measurement {
        var rate: Double
        var latency: LatencySummary
        var errors: Int
        /// Processor time of this whole process (clients, server, background writers) per
        /// request: steadier than the rate on a machine shared with other work.
        var cpuPerRequest: Double = 0
    }

    /// User plus system processor time of this process so far, in seconds.
    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// `level` clients, each on its own thread and keep-alive connection, for `seconds`.
    static func measure(_ target: Target, _ level: Int, _ seconds: Double, _ fixture: Fixture, _ kind: Kind) async throws -> Measurement {
        let results = Collector()
        let processor = processorSeconds()
        let started = MonotonicClock.now()
        let deadline = started + UInt64(seconds * 1e9)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<level {
                group.addTask {
                    try await onThread {
                        let connection = try HTTPClientConnection(host: target.host, port: target.port)
                        var latencies: [UInt64] = []
                        var errors = 0
                        var flip = false
                        let errorMember = Array(#""error":"#.utf8)
                        let dossier = fixture.dossiers[client % fixture.dossiers.count]
                        while MonotonicClock.now() < deadline {
                            let begin = MonotonicClock.now()
                            let response: HTTPClientConnection.Response
                            switch kind {
                            case .health:
                                response = try connection.request("GET", "/health", headers: [])
                            case .query:
                                response = try connection.request("POST", "/rpc", body: Fixture.body("dossier.get", #"{"dossierId":"\#(dossier)"}"#),
                                    headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(fixture.reader)")])
                            case let .asOf(position):
                                response = try connection.request("POST", "/rpc",
                                    body: Fixture.body("dossier.get", #"{"dossierId":"\#(dossier)","atPosition":\#(position)}"#),
                                    headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(fixture.reader)")])
                            case .verify:
                                response = try connection.request("POST", "/rpc", body: Fixture.body("audit.verify", "{}"),
                                    headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(fixture.reader)")])
                            case .command:
                                flip.toggle()
                                let status = flip ? "in_progress" : "open"
                                response = try connection.request("POST", "/rpc",
                                    body: Fixture.body("dossier.updateStatus", #"{"dossierId":"\#(dossier)","departmentId":"bench-dept","status":"\#(status)"}"#),
                                    headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(fixture.department)")])
                            }
                            latencies.append(MonotonicClock.now() - begin)
                            if response.status != 200 || (kind != .health && response.bodyContains(errorMember)) { errors += 1 }
                        }
                        results.state.withLock { state in
                            state.latencies += latencies
                            state.errors += errors
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = Double(MonotonicClock.now() - started) / 1e9
        let (latencies, errors) = results.state.withLock { ($0.latencies, $0.errors) }
        return Measurement(
            rate: Double(latencies.count) / elapsed, latency: LatencySummary(nanoseconds: latencies), errors: errors,
            cpuPerRequest: (processorSeconds() - processor) / Double(max(latencies.count, 1)))
    }

    /// Runs blocking client code on a thread of its own, never on the cooperative pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
