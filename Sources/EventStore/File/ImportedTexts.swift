import Events

/// Checks the texts an import brings beside its envelopes, before anything is written.
///
/// Why: an import copies a log exactly, so a text must be the very one an imported body
/// sealed. Its own salt and text must give the digest that a body of the import holds under
/// its reference; otherwise a reader would get a text the log never vouched for.
enum ImportedTexts {
    /// - Throws: ``EventStoreError/Code/invalidRequest`` naming the first text that is malformed,
    ///   repeated, or not sealed by any of `envelopes`.
    static func check(_ texts: [SealedText], against envelopes: [EventEnvelope]) throws(EventStoreError) {
        var sealed: [String: Set<String>] = [:]
        for envelope in envelopes {
            for (_, text) in FreeText.sealed(in: envelope.data) {
                if let digest = text.digest { sealed[text.ref, default: []].insert(digest) }
            }
        }
        var seen = Set<String>()
        for text in texts {
            if text.ref.isEmpty || text.ref.utf8.count > AppendRequest.maximumIdentifierLength || text.ref.utf8.contains(0) {
                throw EventStoreError(.invalidRequest, "an imported text has no proper ref")
            }
            if !seen.insert(text.ref).inserted { throw EventStoreError(.invalidRequest, "text \(text.ref) appears twice") }
            if text.salt.count != SealedText.saltBytes { throw EventStoreError(.invalidRequest, "text \(text.ref) has no proper salt") }
            if text.text.utf8.contains(0) { throw EventStoreError(.invalidRequest, "text \(text.ref) contains U+0000") }
            if text.text.utf8.count > AppendRequest.maximumTextBytes {
                throw EventStoreError(.invalidRequest, "text \(text.ref) is longer than \(AppendRequest.maximumTextBytes) bytes")
            }
            guard sealed[text.ref]?.contains(text.digest) == true else {
                throw EventStoreError(.invalidRequest, "text \(text.ref) does not match the digest of any imported event")
            }
        }
    }
}
