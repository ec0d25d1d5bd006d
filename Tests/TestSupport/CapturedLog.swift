import EventStore
import Events
import Foundation
import Synchronization

/// A ``Logger`` that keeps every line it is given, parsed, so that tests can read what the
/// store, the service or the server logged.
package final class CapturedLog: Sendable {
    let parsed = Mutex<[JSONValue]>([])

    package init() {}

    /// The logger to inject.
    package var logger: Logger {
        Logger(capturing: { [self] line in
            let value = (try? JSONParser.parse(line)) ?? .string(String(decoding: line, as: UTF8.self))
            parsed.withLock { $0.append(value) }
        })
    }

    /// Every line so far, in order.
    package var lines: [JSONValue] { parsed.withLock { $0 } }

    /// The lines whose `event` is `event`.
    package func lines(_ event: String) -> [JSONValue] { lines.filter { $0["event"] == .string(event) } }

    /// Waits until a line with `event` that `matches` was logged, and returns it; `nil` after
    /// `seconds` without one (the test then fails on what it expected, not on time).
    package func first(_ event: String, within seconds: Double = 20, where matches: @Sendable (JSONValue) -> Bool = { _ in true })
        async throws -> JSONValue?
    {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let line = lines(event).first(where: matches) { return line }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return nil
    }
}
