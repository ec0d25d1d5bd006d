/// The W3C Trace Context of one HTTP request (`traceparent`), as the read log records it:
/// the caller's trace id when it sent a valid header, a new one otherwise, and the span id
/// this server gives the request.
///
/// Only version `00` is understood: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`,
/// lower-case, neither id all zeros. Anything else is ignored and a new trace starts, as the
/// recommendation asks of a header a server cannot parse.
package struct TraceContext: Sendable, Equatable {
    package var traceId: String
    /// This server's span for the request (the reply's `traceparent` carries it).
    package var spanId: String
    package var flags: String

    package init(traceId: String, spanId: String, flags: String) {
        self.traceId = traceId
        self.spanId = spanId
        self.flags = flags
    }

    /// A new trace (sampled: this server records every read).
    package static func fresh() -> TraceContext {
        TraceContext(traceId: randomHex(words: 2), spanId: newSpanId(), flags: "01")
    }

    /// The context of a request with this `traceparent` value (`nil`: no header).
    package static func continuing(_ header: String?) -> TraceContext {
        guard let header, let parent = parse(header) else { return fresh() }
        return TraceContext(traceId: parent.traceId, spanId: newSpanId(), flags: parent.flags)
    }

    /// The trace id and flags of a valid version-00 header, or `nil`.
    package static func parse(_ header: String) -> (traceId: String, parentId: String, flags: String)? {
        let parts = header.trimmingWhitespace.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "00",
            isHex(parts[1], count: 32), isHex(parts[2], count: 16), isHex(parts[3], count: 2),
            parts[1].contains(where: { $0 != "0" }), parts[2].contains(where: { $0 != "0" })
        else { return nil }
        return (parts[1], parts[2], parts[3])
    }

    /// The reply's `traceparent`: this trace, this server's span.
    package var header: String { "00-\(traceId)-\(spanId)-\(flags)" }

    /// A new span id for one call (never all zeros).
    package static func newSpanId() -> String { randomHex(words: 1) }

    static func isHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    static func randomHex(words: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        for _ in 0..<words {
            var word: UInt64 = 0
            while word == 0 { word = generator.next() }
            let digits = String(word, radix: 16)
            text += String(repeating: "0", count: 16 - digits.count) + digits
        }
        return text
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let scalars = self[...].drop { $0 == " " || $0 == "\t" }
        var end = scalars.endIndex
        while end > scalars.startIndex, scalars[scalars.index(before: end)] == " " || scalars[scalars.index(before: end)] == "\t" {
            end = scalars.index(before: end)
        }
        return scalars[..<end]
    }
}
