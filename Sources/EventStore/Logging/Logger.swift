import Events

/// The one operations log of a Tafel process: what an operator needs to see and no client
/// may, one JSON object per line — `time`, `level`, `event` and the event's named fields.
///
/// It exists so that the paths that recover by themselves (a PostgreSQL connection replaced,
/// a writer's retry, a torn tail cut on open, the follow loop failing) leave a trace, and so
/// that every part writes those traces the same way to the same place. It lives in
/// `EventStore`, the lowest module that writes lines (the stores); `Coordination` and `RPC`
/// above use the same type, and `Events` below logs nothing.
///
/// Lines never carry a token, SQL text, or personal data (no event bodies, no free text):
/// the named fields are ids, positions, counts, codes and causes from ``EventStoreError``
/// messages, which do not quote statements.
///
/// Writing never blocks: the default goes through ``LineWriter``, whose bounded queue drops
/// and counts lines when the reader falls behind (``droppedLines``). It is injected: the
/// stores, the listener, the service and the server take one (standard error by default);
/// tests pass ``init(capturing:)`` and read what was written.
///
/// ```swift
/// let logger = Logger.standardError
/// logger.log(.warning, "postgres_reconnected", [("connection", .string("listener"))])
/// ```
package struct Logger: Sendable {
    /// How much a line asks of an operator: `info` recovered by itself, `warning` recovered
    /// but points at a fault, `error` left something undone or refused.
    package enum Level: String, Sendable {
        case info, warning, error
    }

    enum Sink: Sendable {
        case writer(LineWriter)
        case lines(@Sendable ([UInt8]) -> Void)
    }

    let sink: Sink

    /// A logger that queues lines on `writer` without waiting.
    package init(writer: LineWriter) {
        sink = .writer(writer)
    }

    /// A logger that hands each line (newline included) to `line`, on the caller's thread:
    /// for tests, and for callers that keep lines themselves. `line` must not block.
    package init(capturing line: @escaping @Sendable ([UInt8]) -> Void) {
        sink = .lines(line)
    }

    /// The logger to standard error that every part uses unless given another one.
    package static var standardError: Logger { Logger(writer: .standardError) }

    /// A logger that writes nothing (benchmarks).
    package static let discarding = Logger(capturing: { _ in })

    /// Lines dropped because the reader fell behind (always 0 for a capturing logger).
    package var droppedLines: UInt64 {
        switch sink {
        case let .writer(writer): writer.droppedLines
        case .lines: 0
        }
    }

    /// Writes one line: `time`, `level`, `event`, and `fields` (a field named like one of
    /// those three is left out rather than written twice).
    package func log(_ level: Level, _ event: String, _ fields: [(String, JSONValue)] = []) {
        let reserved: Set<String> = ["time", "level", "event"]
        let members: [(String, JSONValue)] =
            [("time", .string(Timestamp.now().iso8601)), ("level", .string(level.rawValue)), ("event", .string(event))]
            + fields.filter { !reserved.contains($0.0) }
        write(JSONValue.object(members))
    }

    /// Writes `object` as one line as it is: for the request log, whose lines have a shape of
    /// their own but share the writer and its drop count.
    package func write(_ object: JSONValue) {
        var line = object.canonicalBytes
        line.append(0x0A)
        switch sink {
        case let .writer(writer): writer.write(line)
        case let .lines(receive): receive(line)
        }
    }
}
