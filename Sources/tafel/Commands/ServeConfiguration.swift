import EventStore
import Foundation
import RPC

/// The settings of `tafel serve` (and `tafel demo`), from flags, environment variables and
/// an optional config file, in that order of precedence, over the defaults.
///
/// Every setting has one name, used three ways: `--max-body-bytes 2097152` on the command
/// line, `TAFEL_MAX_BODY_BYTES=2097152` in the environment, `max-body-bytes = 2097152` in
/// the file given by `--config` (or `TAFEL_CONFIG`; `#` starts a comment).
struct ServeConfiguration {
    struct Setting {
        var name: String
        var placeholder: String
        var summary: String
        var defaultValue: String?

        var environmentName: String { "TAFEL_" + name.uppercased().replacingOccurrences(of: "-", with: "_") }
    }

    static let settings: [Setting] = [
        Setting(name: "store", placeholder: "DIR|postgresql://…", summary: "the event store: a directory (embedded file store) or a PostgreSQL URI", defaultValue: "./tafel-data"),
        Setting(name: "host", placeholder: "ADDR", summary: "address to listen on", defaultValue: "127.0.0.1"),
        Setting(name: "port", placeholder: "N", summary: "TCP port to listen on (0: any free port)", defaultValue: "8480"),
        Setting(name: "max-header-bytes", placeholder: "N", summary: "request line plus headers (431 beyond)", defaultValue: "16384"),
        Setting(name: "max-body-bytes", placeholder: "N", summary: "request body (413 beyond, judged from Content-Length)", defaultValue: "1048576"),
        Setting(name: "max-batch", placeholder: "N", summary: "elements in one JSON-RPC batch", defaultValue: "100"),
        Setting(name: "max-response-bytes", placeholder: "N", summary: "one JSON-RPC reply (-32603 response_too_large beyond)", defaultValue: "16777216"),
        Setting(name: "max-connections", placeholder: "N", summary: "open connections (503 beyond)", defaultValue: "4096"),
        Setting(name: "request-timeout", placeholder: "SECONDS", summary: "time to send one whole request (408 beyond)", defaultValue: "10"),
        Setting(name: "idle-timeout", placeholder: "SECONDS", summary: "idle time of a keep-alive connection", defaultValue: "60"),
        Setting(name: "handler-timeout", placeholder: "SECONDS", summary: "time to answer one request (503 beyond)", defaultValue: "30"),
        Setting(name: "shutdown-grace", placeholder: "SECONDS", summary: "on SIGTERM/SIGINT, how long requests in flight may finish", defaultValue: "30"),
        Setting(name: "request-log", placeholder: "on|off", summary: "one JSON line per call on standard error", defaultValue: "on"),
        Setting(
            name: "read-log", placeholder: "on|off",
            summary: "record every answer with dossier data in the read log (AVG; audit.reads); off only where the operator must", defaultValue: "on"),
        Setting(
            name: "processing-activities", placeholder: "FILE",
            summary: "JSON object method → processing activity id for read records (default: stadsdeeltafel-coordinatie; audit.trail, events.read: verantwoording-audit)",
            defaultValue: nil),
    ]

    var values: [String: String] = [:]

    init(_ arguments: Arguments, environment: [String: String] = ProcessInfo.processInfo.environment, extra: Set<String> = []) throws {
        let known = Set(Self.settings.map(\.name))
        try arguments.requireOnly(known.union(["config"]).union(extra))
        for setting in Self.settings { values[setting.name] = setting.defaultValue }
        if let path = arguments.value("config") ?? environment["TAFEL_CONFIG"] {
            for (name, value) in try Self.readFile(path, known: known) { values[name] = value }
        }
        for setting in Self.settings {
            if let value = environment[setting.environmentName] { values[setting.name] = value }
            if let value = arguments.value(setting.name) { values[setting.name] = value }
        }
    }

    static func readFile(_ path: String, known: Set<String>) throws -> [(String, String)] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CLIError("cannot read config file \(path)", exitCode: 2) }
        var pairs: [(String, String)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?.trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, known.contains(parts[0]) else {
                throw CLIError("\(path):\(index + 1): expected `name = value` with a setting of tafel serve --help", exitCode: 2)
            }
            pairs.append((parts[0], parts[1]))
        }
        return pairs
    }

    var store: StoreLocation { StoreLocation.resolve(flag: values["store"], environment: [:]) }
    var host: String { values["host"] ?? "127.0.0.1" }
    var requestLog: Bool { values["request-log"] != "off" }

    /// Whether the read log is on (`on`, the default, or `off`; anything else is refused).
    func readLog() throws -> Bool {
        switch values["read-log"] ?? "on" {
        case "on": return true
        case "off": return false
        default: throw CLIError("read-log must be on or off", exitCode: 2)
        }
    }

    /// The processing activities of the read records: the defaults, overridden by the file.
    func processingActivities() throws -> ProcessingActivities {
        guard let path = values["processing-activities"] else { return .defaults }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read processing-activities file \(path)", exitCode: 2) }
        do {
            return try ProcessingActivities.parse(Array(data))
        } catch {
            throw CLIError("processing-activities file \(path) \(error)", exitCode: 2)
        }
    }

    func integer(_ name: String, minimum: Int = 0) throws -> Int {
        guard let value = values[name].flatMap(Int.init), value >= minimum else {
            throw CLIError("\(name) must be a whole number of at least \(minimum)", exitCode: 2)
        }
        return value
    }

    func seconds(_ name: String) throws -> Double {
        guard let value = values[name].flatMap(Double.init), value > 0 else { throw CLIError("\(name) must be a positive number of seconds", exitCode: 2) }
        return value
    }

    func port() throws -> Int {
        let port = try integer("port")
        guard port <= 65535 else { throw CLIError("port must be 0 to 65535", exitCode: 2) }
        return port
    }

    func limits() throws -> ServerLimits {
        ServerLimits(
            http: HTTPLimits(maximumHeaderBytes: try integer("max-header-bytes", minimum: 256), maximumBodyBytes: try integer("max-body-bytes", minimum: 2)),
            maximumBatch: try integer("max-batch", minimum: 1), maximumResponseBytes: try integer("max-response-bytes", minimum: 4096),
            maximumConnections: try integer("max-connections", minimum: 1),
            requestTimeout: try seconds("request-timeout"), idleTimeout: try seconds("idle-timeout"),
            handlerTimeout: try seconds("handler-timeout"), shutdownGrace: try seconds("shutdown-grace"))
    }

    /// The settings block of `tafel serve --help`.
    static var help: String {
        settings.map { setting in
            let flag = "  --\(setting.name) \(setting.placeholder)"
            let padded = flag.count < 40 ? flag + String(repeating: " ", count: 40 - flag.count) : flag + "\n" + String(repeating: " ", count: 40)
            return padded + "\(setting.summary)\n" + String(repeating: " ", count: 40)
                + "env \(setting.environmentName); default \(setting.defaultValue ?? "none")"
        }.joined(separator: "\n")
    }
}
