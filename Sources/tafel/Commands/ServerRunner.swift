import Coordination
import Dispatch
import EventStore
import Glibc
import RPC
import Synchronization

/// Runs the HTTP server over a coordination service until SIGTERM or SIGINT, then stops
/// accepting, lets requests in flight finish, closes the store and returns.
enum ServerRunner {
    static func serve(
        store: any EventStore, service: CoordinationService, configuration: ServeConfiguration, logger: Logger = .standardError,
        banner: (Int) -> Void
    ) async throws {
        raiseDescriptorLimit()
        let limits = try configuration.limits()
        let activities = try configuration.processingActivities()
        let readLog = try configuration.readLog() ? ReadLogWriter(log: try configuration.store.openReadLog()) : nil
        await service.useReadLog(readLog)
        let dispatcher = RPCDispatcher(
            service: service, maximumBatch: limits.maximumBatch, maximumResponseBytes: limits.maximumResponseBytes, version: Tafel.version,
            logger: logger, reads: readLog.map { ReadRecorder(writer: $0, activities: activities) })
        let serverBox = Mutex<HTTPServer?>(nil)
        let application = RPCApplication(
            dispatcher: dispatcher, log: RequestLog(enabled: configuration.requestLog, logger: logger),
            connections: { serverBox.withLock { $0?.openConnections ?? 0 } })
        let server: HTTPServer
        do {
            server = try HTTPServer(
                host: configuration.host, port: try configuration.port(), limits: limits,
                onRefusal: { status, reason in application.serverRefused(status: status, reason: reason) }
            ) { request in
                await application.handle(request)
            }
        } catch {
            throw CLIError("\(error)")
        }
        serverBox.withLock { $0 = server }
        let follower = Task { await service.follow() }
        let readLogTask = readLog.map { writer in Task { await writer.run() } }
        server.start()
        banner(server.port)
        await waitForTerminationSignal()
        printError("tafel: stopping: no new connections; finishing requests in flight")
        await server.stop()
        follower.cancel()
        // The requests have been answered: their read records go to the log before it closes.
        readLogTask?.cancel()
        await readLogTask?.value
        await readLog?.log.close()
        await store.close()
        printError("tafel: stopped cleanly")
    }

    /// Returns on the first SIGTERM or SIGINT.
    static func waitForTerminationSignal() async {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let queue = DispatchQueue(label: "tafel.signals")
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Mutex(false)
            var sources: [DispatchSourceSignal] = []
            for number in [SIGTERM, SIGINT] {
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    let first = once.withLock { fired in
                        defer { fired = true }
                        return !fired
                    }
                    if first { continuation.resume() }
                }
                source.resume()
                sources.append(source)
            }
            signalSources = sources
        }
    }

    /// Keeps the signal sources alive for the life of the process.
    /// Written once, before any signal can arrive.
    nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []

    /// Thousands of connections need as many descriptors: lift the soft limit to the hard one.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
