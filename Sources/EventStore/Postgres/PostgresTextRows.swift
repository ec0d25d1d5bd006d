import Events

/// The free texts a decided batch puts into the `texts` table (migration 005) and the
/// references it erases there, sent with the batch's one insert statement.
///
/// Why with the insert: the writer commits a batch as one statement outside any explicit
/// transaction. Texts written by a statement of their own could commit without their events
/// or stay behind when the events did not land; as part of the insert they commit, roll
/// back and are resolved after a lost answer (``PostgresEventStore/resolve(_:)``) together
/// with the events, and cost no extra round trip.
struct PostgresTextRows: Sendable {
    private(set) var refs: [String] = []
    private(set) var positions: [Int64] = []
    private(set) var salts: [[UInt8]] = []
    private(set) var bodies: [String] = []
    /// References whose rows the batch deletes, in batch order.
    private(set) var erasing: [String] = []

    /// Whether the batch neither stores nor erases a text: it is then sent with the insert
    /// that does not touch the `texts` table.
    var isEmpty: Bool { refs.isEmpty && erasing.isEmpty }

    /// Adds what a writing append stores and erases; `positions` are the positions its events
    /// landed at. A text belongs to the event whose body refers to it, else to the first one.
    mutating func add(_ request: AppendRequest, positions: [Int64]) {
        guard let first = positions.first else { return }
        var owners: [String: Int64] = [:]
        if positions.count > 1, !request.texts.isEmpty {
            for (event, position) in zip(request.events, positions) {
                for freeText in Self.sealedReferences(in: event.data) where owners[freeText.ref] == nil {
                    owners[freeText.ref] = position
                }
            }
        }
        for text in request.texts { insert(text, at: owners[text.ref] ?? first) }
        for ref in request.erasing { erase(ref) }
    }

    /// Adds the texts of an accepted import, each at the position of the envelope that refers
    /// to it (``checkImport(_:of:)`` made sure there is one).
    mutating func add(_ texts: [SealedText], importedWith envelopes: [EventEnvelope]) {
        guard let first = envelopes.first?.position, !texts.isEmpty else { return }
        let owners = Self.owners(in: envelopes)
        for text in texts { insert(text, at: owners[text.ref]?.position ?? first) }
    }

    private mutating func insert(_ text: SealedText, at position: Int64) {
        refs.append(text.ref)
        positions.append(position)
        salts.append(text.salt)
        bodies.append(text.text)
    }

    /// Erases `ref`. A text stored earlier in the same batch is dropped from the batch instead:
    /// the statement's DELETE cannot see rows its own INSERT adds.
    private mutating func erase(_ ref: String) {
        while let index = refs.firstIndex(of: ref) {
            refs.remove(at: index)
            positions.remove(at: index)
            salts.remove(at: index)
            bodies.remove(at: index)
        }
        erasing.append(ref)
    }

    /// Parameters `$18` to `$22` of the insert's text-carrying form: the texts as four
    /// columns, then the erased references.
    var parameters: [PostgresParameter] {
        var salts = PostgresBinaryArray(.bytea)
        for salt in self.salts { salts.append(bytes: salt) }
        return [
            PostgresBinaryArray(refs.map { Optional($0) }).encoded, PostgresBinaryArray(positions).encoded, salts.encoded,
            PostgresBinaryArray(bodies.map { Optional($0) }).encoded, PostgresBinaryArray(erasing.map { Optional($0) }).encoded,
        ].map { .binary($0) }
    }

    /// Every sealed free text (``Events/FreeText`` with a digest) anywhere in `data`.
    static func sealedReferences(in data: JSONValue) -> [FreeText] {
        var found: [FreeText] = []
        func visit(_ value: JSONValue) {
            switch value {
            case let .object(members):
                if let freeText = FreeText(json: value), freeText.isSealed {
                    found.append(freeText)
                } else {
                    for (_, member) in members { visit(member) }
                }
            case let .array(elements):
                for element in elements { visit(element) }
            case .null, .bool, .int, .double, .string:
                break
            }
        }
        visit(data)
        return found
    }

    /// The sealed texts the envelopes refer to: digest and position of the first envelope
    /// that refers to each reference.
    static func owners(in envelopes: [EventEnvelope]) -> [String: (digest: String, position: Int64)] {
        var owners: [String: (digest: String, position: Int64)] = [:]
        for envelope in envelopes {
            for freeText in sealedReferences(in: envelope.data) where owners[freeText.ref] == nil {
                if let digest = freeText.digest { owners[freeText.ref] = (digest, envelope.position) }
            }
        }
        return owners
    }

    /// Refuses texts an import may not bring: each must be one an imported envelope refers to
    /// (same reference, and the digest of its salt and text), once, and storable like an
    /// appended text (``AppendRequest/validate()``).
    /// - Throws: ``EventStoreError/Code/invalidRequest`` naming the first text refused.
    static func checkImport(_ texts: [SealedText], of envelopes: [EventEnvelope]) throws(EventStoreError) {
        let owners = owners(in: envelopes)
        var seen = Set<String>()
        for text in texts {
            if text.ref.isEmpty || text.ref.utf8.count > AppendRequest.maximumIdentifierLength || text.ref.utf8.contains(0) {
                throw EventStoreError(.invalidRequest, "a text's ref must be 1 to \(AppendRequest.maximumIdentifierLength) bytes without U+0000")
            }
            if !seen.insert(text.ref).inserted { throw EventStoreError(.invalidRequest, "text \(text.ref) appears twice") }
            if text.salt.count != SealedText.saltBytes { throw EventStoreError(.invalidRequest, "text \(text.ref) has no proper salt") }
            if text.text.utf8.contains(0) { throw EventStoreError(.invalidRequest, "text \(text.ref) contains U+0000") }
            if text.text.utf8.count > AppendRequest.maximumTextBytes {
                throw EventStoreError(.invalidRequest, "text \(text.ref) is longer than \(AppendRequest.maximumTextBytes) bytes")
            }
            guard let owner = owners[text.ref] else {
                throw EventStoreError(.invalidRequest, "text \(text.ref) is not referred to by any imported event")
            }
            if owner.digest != text.digest {
                throw EventStoreError(
                    .invalidRequest, "text \(text.ref) does not match the digest of the event at position \(owner.position)",
                    position: owner.position)
            }
        }
    }
}
