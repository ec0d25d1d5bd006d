import Events

extension FileEventStore {
    package func importEnvelopes(_ envelopes: [EventEnvelope], texts: [SealedText]) async throws -> LogHead {
        guard !texts.isEmpty else { return try await importEnvelopes(envelopes) }
        try ImportedTexts.check(texts, against: envelopes)
        return try await withCheckedThrowingContinuation { continuation in
            enqueue(QueuedWrite(write: .importBatch(envelopes, texts, continuation), importedTexts: texts))
        }
    }

    package func texts(_ refs: [String]) async throws -> [String: SealedText] {
        try checkOpen()
        return live.withLock { live in
            var found: [String: SealedText] = [:]
            for ref in refs { if let text = live[ref] { found[ref] = text } }
            return found
        }
    }

    package func allTexts(after ref: String?, limit: Int) async throws -> [SealedText] {
        try checkOpen()
        guard limit > 0 else { return [] }
        let after = ref.map { Array($0.utf8) }
        let page: [SealedText] = live.withLock { live in
            let refs = live.keys.filter { key in after.map { $0.lexicographicallyPrecedes(key.utf8) } ?? true }
            return refs.map { live[$0]! }
        }
        // Byte order of the UTF-8 references, as PostgreSQL's "C" collation orders them.
        return Array(page.sorted { $0.ref.utf8.lexicographicallyPrecedes($1.ref.utf8) }.prefix(limit))
    }

    /// Runs on ``writer``: appends the texts and erase intents of a batch's writes to the
    /// texts file and flushes it, before the batch's events are written to the log.
    func writeTexts(_ changes: [TextChange]) throws {
        try texts.write(TextRecord(entries: changes.flatMap(\.entries)))
        try flushTexts()
    }

    /// Runs on ``syncer`` once `batches` are flushed in the log: carries out their erase
    /// intents, so that the erased texts are gone from every file before the appends are
    /// acknowledged. Returns what callers of those appends are told when that failed (the
    /// events are in the log; the next open finishes the erasure), and stops all writing.
    func eraseTexts(of batches: [WrittenBatch]) -> EventStoreError? {
        let intents = Set(batches.flatMap { $0.textChanges.compactMap(\.intent) })
        guard !intents.isEmpty else { return nil }
        do {
            try compactTexts(intents)
            return nil
        } catch {
            let failed = EventStoreError.from(error)
            poison(with: failed)
            return EventStoreError(
                .outcomeUnknown,
                "the events are in the log, but removing the erased texts from the files failed (\(failed.message)); reopening the store finishes the erasure")
        }
    }
}
