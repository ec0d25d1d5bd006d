/// A free-text field of an event (a summary, a note, a reason): personal data that must be
/// erasable from a log that is never rewritten.
///
/// Since schema version 2 an event body holds only `{"digest": …, "ref": …}` for such a
/// field: the text and its salt live beside the log (``SealedText``), the chain is computed
/// over the digest, and erasing the text leaves every hash intact. Bodies written before
/// (schema version 1) hold the text inline; they are still read, as a `FreeText` whose
/// ``inline`` is the text and whose ``digest`` is `nil`. Such a text cannot be removed from
/// the log's bytes; erasure can only hide it (see the operations documentation).
package struct FreeText: Sendable, Equatable, Hashable, Codable {
    /// Where the text is kept beside the log; empty for an inline (version 1) text until
    /// ``anchored(eventId:field:)`` gives it the reference readers use.
    package var ref: String
    /// Lower-case hex SHA-256 over the salt and the text's UTF-8 bytes; `nil` for inline text.
    package var digest: String?
    /// The text itself when the body predates sealing (schema version 1); otherwise `nil`.
    package var inline: String?

    package init(ref: String, digest: String) {
        self.ref = ref
        self.digest = digest
        self.inline = nil
    }

    /// A text read from a version 1 body.
    package init(inline text: String) {
        self.ref = ""
        self.digest = nil
        self.inline = text
    }

    /// Whether the text lives beside the log (and can be erased from the store) rather than
    /// in the hashed body.
    package var isSealed: Bool { digest != nil }

    /// The reference an inline text is known by: it has none of its own, so it is named by
    /// the event that holds it and the field, e.g. `3f2b…/summary`. A sealed text keeps its own.
    package func anchored(eventId: String, field: String) -> FreeText {
        guard ref.isEmpty else { return self }
        var anchored = self
        anchored.ref = "\(eventId)/\(field)"
        return anchored
    }

    /// The body's form: `{"digest", "ref"}` for a sealed text, the string for an inline one.
    package var json: JSONValue {
        if let digest { return .object([("digest", .string(digest)), ("ref", .string(ref))]) }
        return .string(inline ?? "")
    }

    /// Reads either form of the field.
    package init?(json: JSONValue) {
        switch json {
        case let .string(text):
            self.init(inline: text)
        case let .object(members):
            var ref: String?
            var digest: String?
            for (key, value) in members {
                guard case let .string(text) = value else { return nil }
                switch key {
                case "ref": ref = text
                case "digest": digest = text
                default: return nil
                }
            }
            guard let ref, let digest, !ref.isEmpty, digest.utf8.count == 64 else { return nil }
            self.init(ref: ref, digest: digest)
        default:
            return nil
        }
    }

    enum CodingKeys: String, CodingKey { case digest, ref }

    package init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self.init(inline: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(ref: try container.decode(String.self, forKey: .ref), digest: try container.decode(String.self, forKey: .digest))
    }

    package func encode(to encoder: any Encoder) throws {
        if let digest {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(digest, forKey: .digest)
            try container.encode(ref, forKey: .ref)
        } else {
            var single = encoder.singleValueContainer()
            try single.encode(inline ?? "")
        }
    }
}
