import Events

/// What a free text reads as at the moment a view is rendered: the text, or that it was
/// erased (when and why), or that this process cannot show it.
///
/// Texts are not part of the model's history: an erasure reaches every answer, as-of
/// answers for moments before it included, so views ask a reader for the text as it is now.
package protocol TextReader: Sendable {
    func reading(_ text: FreeText) -> TextReading
}

/// One free text as a view finds it.
package enum TextReading: Sendable, Equatable {
    case live(String)
    case erased(at: Timestamp, reason: String)
    /// Neither live nor known to be erased (a tool reading a log without its texts).
    case unavailable
}

/// Shows the texts a body holds inline (logs written before sealing) and nothing else: for
/// tools that read a log without the store's texts beside it.
package struct InlineTextReader: TextReader {
    package init() {}

    package func reading(_ text: FreeText) -> TextReading {
        text.inline.map(TextReading.live) ?? .unavailable
    }
}

/// Collects, while one object is rendered, its free-text members and the `erased` marker
/// of the contract: an erased text reads as `null` with `"erased": {"<field>": {"at",
/// "reason"}}` beside it on the same object.
package struct ShownTexts {
    let reader: any TextReader
    var erased: [(String, JSONValue)] = []

    package init(_ reader: any TextReader) {
        self.reader = reader
    }

    /// The member's value for `text` (its string, or `null`), noting an erasure.
    package mutating func value(_ text: FreeText?, field: String) -> JSONValue {
        guard let text else { return .null }
        switch reader.reading(text) {
        case let .live(string):
            return .string(string)
        case let .erased(at, reason):
            erased.append((field, .object([("at", .string(at.iso8601)), ("reason", .string(reason))])))
            return .null
        case .unavailable:
            return .null
        }
    }

    /// Appends `("erased", …)` to `members` when a text of this object was erased.
    package func mark(_ members: inout [(String, JSONValue)]) {
        if !erased.isEmpty { members.append(("erased", .object(erased))) }
    }
}
