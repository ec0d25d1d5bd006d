import Coordination
import EventStore

/// `tafel serve`: the JSON-RPC API over HTTP on a store (created when missing; PostgreSQL
/// migrations are applied on open), until SIGTERM or SIGINT.
enum ServeCommand {
    static var help: String {
        """
        usage: tafel serve [options]

        Answers JSON-RPC 2.0 at POST /rpc (see Sources/RPC/RPC.docc; rpc.discover describes every method),
        GET /health and GET /metrics. Stops cleanly on SIGTERM or SIGINT.
        The first admin token comes from `tafel token issue --store S --principal admin --role admin`
        (run it before serving a file store: only one process may open it).

        options (flag, environment variable, or `name = value` in the --config file;
        flags win over the environment, the environment over the file):
          --config FILE                         settings file; env TAFEL_CONFIG
        \(ServeConfiguration.help)
        """
    }

    static func run(_ arguments: [String]) async throws -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(help)
            return 0
        }
        let configuration = try ServeConfiguration(try Arguments(arguments))
        _ = try configuration.limits()
        _ = try configuration.readLog()
        _ = try configuration.processingActivities()
        let location = configuration.store
        // One logger for the store, the service and the server: one writer, one drop count.
        let logger = Logger.standardError
        let store = try await StoreOpener.open(location, create: true, logger: logger)
        let service: CoordinationService
        do {
            service = try await CoordinationService(store: store, logger: logger)
        } catch {
            await store.close()
            throw error
        }
        let events = await service.model.position
        try await ServerRunner.serve(store: store, service: service, configuration: configuration, logger: logger) { port in
            printError("tafel: serving \(location) (\(store.kind), \(events) events) on http://\(configuration.host):\(port)/rpc")
        }
        return 0
    }
}
