/// The flags of one subcommand: `--name value` pairs (a flag may repeat) and positionals.
///
/// Unknown flags are the caller's to refuse with ``requireOnly(_:)``, so that a typo
/// never silently runs with a default.
struct Arguments {
    /// Options that take no value: present means on (`tafel export --texts`).
    static let switches: Set<String> = ["texts"]

    var values: [String: [String]] = [:]
    var positionals: [String] = []

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if Self.switches.contains(String(body)) {
                    values[String(body), default: []].append("true")
                } else if let equals = body.firstIndex(of: "=") {
                    values[String(body[..<equals]), default: []].append(String(body[body.index(after: equals)...]))
                } else {
                    guard index + 1 < arguments.count else { throw CLIError("\(argument) needs a value", exitCode: 2) }
                    values[String(body), default: []].append(arguments[index + 1])
                    index += 1
                }
            } else {
                positionals.append(argument)
            }
            index += 1
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }

    /// Whether a switch (``switches``) was given.
    func flag(_ name: String) -> Bool { values[name] != nil }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    func integer(_ name: String, default fallback: Int) throws -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text), number >= 0 else { throw CLIError("--\(name) must be a whole number", exitCode: 2) }
        return number
    }

    /// Refuses flags outside `allowed`.
    func requireOnly(_ allowed: Set<String>) throws {
        for name in values.keys where !allowed.contains(name) {
            throw CLIError("unknown option --\(name)", exitCode: 2)
        }
    }
}
