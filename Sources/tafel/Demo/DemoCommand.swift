import Coordination
import EventStore
import Events
import Foundation
import Projections

/// `tafel demo`: a year of Maastricht's stadsdeeltafels (with a confidential dossier and an
/// erasure) loaded into a fresh embedded store through the real commands, a token per role
/// and four ready-to-paste requests printed,
/// then served like `tafel serve`. A second run on the same store gives the demo's people
/// fresh tokens and serves what is there.
enum DemoCommand {
    static var help: String {
        """
        usage: tafel demo [--store DIR] [--seed N] [serve options]

        Loads the Maastricht demo (areas from ops/areas/maastricht.csv, eleven departments and
        partners, a table per stadsdeel, a year of meetings, a confidential dossier and an
        erasure of personal data) into DIR (default ./tafel-demo), prints a token per role and
        four curl commands, and serves it. Every option of
        `tafel serve --help` applies.
        """
    }

    static func run(_ arguments: [String]) async throws -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(help)
            return 0
        }
        let parsed = try Arguments(arguments)
        var configuration = try ServeConfiguration(parsed, extra: ["seed"])
        if parsed.value("store") == nil && ProcessInfo.processInfo.environment["TAFEL_STORE"] == nil {
            configuration.values["store"] = "./tafel-demo"
        }
        guard case let .directory(path) = configuration.store else {
            throw CLIError("tafel demo loads an embedded store (a directory); move it to PostgreSQL afterwards with tafel export | tafel import", exitCode: 2)
        }
        let seed = UInt64(try parsed.integer("seed", default: 935))
        _ = try configuration.limits()
        let clock = DemoClock()
        let store = try FileEventStore.open(directory: path, create: true, clock: { clock.now() })
        let loader: DemoLoader
        let started = Date()
        do {
            let service = try await CoordinationService(store: store)
            loader = DemoLoader(service: service, clock: clock, seed: seed)
            let model = await service.model
            if model.position == 0 {
                guard let url = Bundle.module.url(forResource: "maastricht", withExtension: "csv"),
                    let csv = try? String(contentsOf: url, encoding: .utf8)
                else { throw CLIError("the demo's area file is missing from this build") }
                let now = Timestamp.now().millisecondsSinceEpoch
                try await loader.setUp(areas: csv, start: now - 372 * DemoLoader.day)
                try await loader.playYear(now: now)
                try await loader.playPrivacy()
            } else if model.principals["demo-admin"] != nil {
                try await loader.rekey()
            } else {
                throw CLIError("\(path) holds a log that is not the demo's; give tafel demo a fresh --store", exitCode: 2)
            }
        } catch {
            await store.close()
            throw error
        }
        let model = await loader.service.model
        printError(
            "tafel: demo ready in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(model.position) events, "
                + "\(model.dossiers.count) dossiers, \(model.meetings.count) meetings, \(model.decisions.count) decisions; "
                + "\(loader.refusals.count) commands refused")
        for refusal in loader.refusals.prefix(5) { printError("tafel: refused: \(refusal)") }
        try await ServerRunner.serve(store: store, service: loader.service, configuration: configuration) { port in
            printNow(DemoGuide.text(loader: loader, model: model, host: configuration.host, port: port))
            printError("tafel: serving the demo in \(path) on http://\(configuration.host):\(port)/rpc (stop with Ctrl-C)")
        }
        return 0
    }
}
