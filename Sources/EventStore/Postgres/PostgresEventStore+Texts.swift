import Events

/// Free texts beside the log: the `texts` table (migration 005), written with the batch's
/// insert (``PostgresTextRows``), read here.
extension PostgresEventStore {
    package func importEnvelopes(_ envelopes: [EventEnvelope], texts: [SealedText]) async throws -> LogHead {
        guard !texts.isEmpty else { return try await importEnvelopes(envelopes) }
        try PostgresTextRows.checkImport(texts, of: envelopes)
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(.importBatch(envelopes, texts, continuation))
        }
    }

    package func texts(_ refs: [String]) async throws -> [String: SealedText] {
        guard !refs.isEmpty else { return [:] }
        let rows = try await reader.run { connection in
            try connection.query("\(Self.selectText) WHERE ref = ANY ($1::text[])", [PostgresText.array(refs)]).rows
        }
        var texts: [String: SealedText] = [:]
        for row in rows {
            let text = try Self.text(row)
            texts[text.ref] = text
        }
        return texts
    }

    package func allTexts(after ref: String?, limit: Int) async throws -> [SealedText] {
        guard limit > 0 else { return [] }
        let rows = try await reader.run { connection in
            if let ref {
                try connection.query("\(Self.selectText) WHERE ref > $1 ORDER BY ref LIMIT $2::bigint", [ref, String(limit)]).rows
            } else {
                try connection.query("\(Self.selectText) ORDER BY ref LIMIT $1::bigint", [String(limit)]).rows
            }
        }
        return try rows.map(Self.text)
    }

    /// The columns ``text(_:)`` reads. `ref` is in the "C" collation, so reference order is
    /// the order of the UTF-8 bytes, the same on every server whatever its locale.
    static let selectText = "SELECT ref, encode(salt, 'hex'), body FROM texts"

    /// A text from a row of ``selectText``; a row that does not parse is damage.
    static func text(_ row: [String?]) throws -> SealedText {
        guard let ref = row[0], let salt = row[1].flatMap(Hex.decode), let body = row[2] else {
            throw EventStoreError(.damaged, "text row \(row[0] ?? "") with missing or unreadable columns")
        }
        return SealedText(ref: ref, salt: salt, text: body)
    }

    /// The items of a batch that write rows, by index, with the positions of their rows: an
    /// accepted import, and an accepted append not answered with an earlier request's result
    /// (its rows start at the next position). `tail` is the position the batch builds on.
    static func writers(_ items: [Pending], _ answers: [Answer], after tail: Int64) -> [(index: Int, positions: [Int64])] {
        var next = tail + 1
        var writers: [(index: Int, positions: [Int64])] = []
        for (index, (item, answer)) in zip(items, answers).enumerated() {
            switch (item, answer) {
            case let (.append, .appended(.success(result))):
                guard result.positions.first == next else { continue }
                next += Int64(result.positions.count)
                writers.append((index, result.positions))
            case let (.importBatch(envelopes, _, _), .imported(.success)):
                next += Int64(envelopes.count)
                writers.append((index, envelopes.map(\.position)))
            default:
                continue
            }
        }
        return writers
    }

    /// The insert ran into the `texts` primary key: a text of the batch has a reference
    /// that is in the table already or that two items of the batch carry. Nothing of the
    /// batch was written.
    struct TextRefsInUse: Error {
        var decided: DecidedBatch
    }

    /// Refuses each writing item of `batch` (as `decided` had it) that stores a text under a
    /// reference in the table or stored by an earlier item of the batch, and returns the
    /// others, to be decided again. A reference once given stays its text's: a text is
    /// never replaced, only erased.
    func refuseTextsInUse(_ batch: [Pending], decided: DecidedBatch, on connection: PostgresConnection) throws -> [Pending] {
        func refs(_ item: Pending) -> [String] {
            switch item {
            case let .append(prepared, _): prepared.request.texts.map(\.ref)
            case let .importBatch(_, texts, _): texts.map(\.ref)
            }
        }
        let writers = Self.writers(batch, decided.answers, after: (decided.envelopes.first?.position ?? 1) - 1)
        let all = writers.flatMap { refs(batch[$0.index]) }
        var taken = Set(
            try connection.query("SELECT ref FROM texts WHERE ref = ANY ($1::text[])", [PostgresText.array(all)]).rows.compactMap { $0[0] })
        var refused = Set<Int>()
        for writer in writers {
            let carried = refs(batch[writer.index])
            if let used = carried.first(where: taken.contains) {
                batch[writer.index].fail(with: EventStoreError(.invalidRequest, "text ref \(used) is in use; a text is never replaced"))
                refused.insert(writer.index)
            } else {
                taken.formUnion(carried)
            }
        }
        return batch.indices.filter { !refused.contains($0) }.map { batch[$0] }
    }
}
