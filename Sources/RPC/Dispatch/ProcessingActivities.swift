import Events

/// The processing activity (verwerkingsactiviteit, from the register the AVG asks for) each
/// query method serves, which every read record names: configured by the operator
/// (`tafel serve --processing-activities FILE`, a JSON object method → id), with defaults.
package struct ProcessingActivities: Sendable, Equatable {
    /// Per method; a method not named here uses ``fallback``.
    package var byMethod: [String: String]
    package var fallback: String

    /// The defaults: coordinating the table for the views, accountability for the audit reads.
    package static let defaults = ProcessingActivities(
        byMethod: [
            "agenda.get": "stadsdeeltafel-coordinatie", "dossier.get": "stadsdeeltafel-coordinatie",
            "dossier.list": "stadsdeeltafel-coordinatie", "department.overview": "stadsdeeltafel-coordinatie",
            "dashboard.stadsdeel": "stadsdeeltafel-coordinatie", "audit.trail": "verantwoording-audit",
            "events.read": "verantwoording-audit",
        ], fallback: "stadsdeeltafel-coordinatie")

    package init(byMethod: [String: String], fallback: String) {
        self.byMethod = byMethod
        self.fallback = fallback
    }

    package func id(for method: String) -> String { byMethod[method] ?? fallback }

    /// Methods whose answers are recorded when they return dossier data: every query but
    /// `rpc.discover`, `audit.verify` (which returns no dossier data) and `audit.reads`
    /// (which returns the read log itself, not dossier data).
    package static var recordedMethods: Set<String> {
        Set(MethodCatalogue.all.filter { $0.kind == .query }.map(\.name)).subtracting(["audit.verify", "audit.reads"])
    }

    /// The defaults overridden by a JSON object `{"method": "activity id", …}`.
    /// - Throws: a message naming what is wrong: not an object, an unknown or unrecorded
    ///   method, an id that is empty, longer than 128 bytes or holds control characters.
    package static func parse(_ bytes: [UInt8]) throws -> ProcessingActivities {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw ProblemText("is not JSON: \(error)") }
        guard case let .object(members) = value else { throw ProblemText("must be a JSON object of method → processing activity id") }
        var activities = defaults
        let known = recordedMethods
        for (method, id) in members {
            guard known.contains(method) else {
                throw ProblemText("names \(method), which is not a method that records reads (\(known.sorted().joined(separator: ", ")))")
            }
            guard case let .string(id) = id, !id.isEmpty, id.utf8.count <= 128, !id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else { throw ProblemText("gives \(method) an id that is not a string of 1 to 128 bytes without control characters") }
            activities.byMethod[method] = id
        }
        return activities
    }
}

/// Why a configuration value was refused, for the message `tafel serve` prints.
package struct ProblemText: Error, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}
