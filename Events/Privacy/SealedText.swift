/// A free text as the side store keeps it: the text, the random salt its digest was
/// computed with, and the reference the event holds.
///
/// The salt makes the digest useless for guessing: without it, anyone holding the log could
/// confirm a suspected text ("is this the family at Brusselsestraat 12?") by hashing it.
/// Erasing removes text and salt together, so afterwards the digest proves only that a
/// text existed.
package struct SealedText: Sendable, Equatable, Hashable {
    /// Bytes of salt per text.
    package static let saltBytes = 16

    package var ref: String
    package var salt: [UInt8]
    package var text: String

    package init(ref: String, salt: [UInt8], text: String) {
        self.ref = ref
        self.salt = salt
        self.text = text
    }

    /// Lower-case hex SHA-256 over `salt` followed by the UTF-8 bytes of `text`.
    package static func digest(salt: [UInt8], text: String) -> String {
        var hasher = SHA256()
        hasher.update(salt)
        hasher.update(text.utf8)
        return Hex.encode(hasher.finalize())
    }

    /// This text's digest.
    package var digest: String { Self.digest(salt: salt, text: text) }

    /// What the event body holds for this text.
    package var freeText: FreeText { FreeText(ref: ref, digest: digest) }

    /// Whether this text is the one `freeText` sealed: same reference, same digest.
    package func matches(_ freeText: FreeText) -> Bool {
        freeText.ref == ref && freeText.digest == digest
    }
}
