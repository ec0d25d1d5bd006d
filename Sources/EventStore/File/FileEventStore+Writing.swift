import Dispatch
import Events

extension FileEventStore {
    /// The answer owed to one queued item once its batch is flushed.
    struct Reply: @unchecked Sendable {
        // Unchecked: the item's continuation is resumed exactly once, by the queue that holds the reply.
        var item: Pending
        var answer: AppendPlanner.Answer

        func deliver(overriding failure: EventStoreError? = nil) {
            if let failure { item.fail(with: failure) } else { item.resume(with: answer) }
        }

        /// Tells a caller whose write went into the file but was not flushed that its outcome is
        /// unknown; a refusal the planner decided (a conflict, a bad request) stays what it is.
        func deliverUnknown(_ unknown: EventStoreError) {
            deliver(overriding: answer.failure == nil ? unknown : nil)
        }

        /// Whether this is an accepted append that erases texts.
        var erases: Bool {
            guard answer.failure == nil, case let .append(prepared, _) = item.write else { return false }
            return !prepared.request.erasing.isEmpty
        }
    }

    /// Runs on ``writer``: takes everything queued, decides it, writes it in one `pwrite`,
    /// and hands it to the syncer.
    func drain() {
        while true {
            let (batch, failure): ([Pending], EventStoreError?) = state.withLock { state in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.draining = false }
                return (batch, state.failure)
            }
            if batch.isEmpty { return }
            if let failure {
                for item in batch { item.fail(with: failure) }
                continue
            }
            write(batch)
        }
    }

    func write(_ batch: [Pending]) {
        let start = ahead.withLock { $0 }
        let known = lookUp(batch, skipping: start)
        let (plan, answers) = AppendPlanner.plan(
            batch.map(\.write), after: start.tail, now: clock(),
            streamVersion: { start.versions[$0] ?? known.versions[$0] ?? 0 },
            priorResult: { start.answered[$0] ?? known.answers[$0] })
        let replies = zip(batch, answers).map { Reply(item: $0, answer: $1) }
        guard !plan.envelopes.isEmpty else {
            for reply in replies { reply.deliver() }
            return
        }
        let changes = zip(batch, answers).compactMap { item, answer in
            item.textEntries(answer: answer, planned: plan.envelopes, firstNewPosition: start.tail.position + 1)
        }
        if !changes.isEmpty {
            do {
                try writeTexts(changes)
            } catch {
                // The events were not written: a definite failure. The texts file may hold part
                // of the write, or all of it unflushed, so nothing more is written until a reopen
                // drops what belongs to events beyond the log's head.
                let failed = EventStoreError.from(error)
                poison(with: failed)
                let refused = EventStoreError(.io, "\(failed.message); nothing was appended: reopen the store")
                for reply in replies { reply.deliver(overriding: reply.answer.failure == nil ? refused : nil) }
                return
            }
        }
        let (envelopes, canonical, hashes) = (plan.envelopes, plan.canonical, plan.hashes)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(BatchFrame.headerSize + envelopes.count * 600)
        let frame = BatchFrame.open(&bytes)
        var recordHeaders: [UInt8] = []
        recordHeaders.reserveCapacity(envelopes.count * RecordFrame.headerSize)
        var written = WrittenBatch(envelopes: envelopes, frameSizes: [], hashes: [], replies: replies, textChanges: changes)
        var previous = start.tail.hash
        for (hash, body) in zip(hashes, canonical) {
            let before = bytes.count
            RecordFrame.append(previousHash: previous, hash: hash, canonical: body, to: &bytes)
            recordHeaders += bytes[before..<before + RecordFrame.headerSize]
            written.frameSizes.append(bytes.count - before)
            previous = hash
        }
        // The index counts the batch header as part of the batch's first record.
        written.frameSizes[0] += BatchFrame.headerSize
        BatchFrame.seal(&bytes, at: frame, durableEnd: known.durableEnd, recordHeaders: recordHeaders)
        written.hashes = hashes
        reserveAhead(writingThrough: start.endOffset + Int64(bytes.count))
        var cut = true
        do {
            try bytes.withUnsafeBytes { buffer in try writeBatch(buffer, at: start.endOffset, cut: &cut) }
        } catch {
            let error = EventStoreError.from(error)
            logger.log(.error, "store_write_failed", [
                ("store", .string("file")), ("events", .int(Int64(hashes.count))), ("cause", .string(error.message)),
            ])
            // A batch counts only when all of it is in the file (its frame's checksum covers
            // every record), so a write that stopped part-way left nothing that a reader or a
            // reopen takes for events: the failure is definite. It is cut all the same, so
            // that the file ends at the last whole batch.
            if !cut || (try? log.truncate(to: start.endOffset)) == nil {
                poison(with: EventStoreError(.io, "\(error.message); the log could not be cut back: reopen the store"))
            } else if !changes.isEmpty {
                // Its texts are flushed under positions the next batch would take: a reopen drops them.
                poison(with: EventStoreError(.io, "\(error.message); the texts of the failed batch are dropped when the store is reopened"))
            }
            for reply in replies { reply.deliver(overriding: error) }
            return
        }
        // Merged rather than replaced: the syncer may have forgotten flushed entries meanwhile.
        ahead.withLock { ahead in
            ahead.tail = plan.tail
            ahead.endOffset = start.endOffset + Int64(bytes.count)
            ahead.versions.merge(plan.streamVersions) { $1 }
            ahead.answered.merge(plan.requestResults) { $1 }
        }
        // A batch of one queued write, with nothing else queued, has nothing to overlap, so
        // the writer flushes it itself and saves the hop to the syncer's thread (the latency
        // of a lone writer). A batch of several shows concurrent appenders whose next appends
        // arrive during the flush, so the syncer flushes while the writer decides them.
        let flush: Flush = state.withLock { state in
            state.written.append(written)
            if state.syncing { return .alreadyRunning }
            state.syncing = true
            return state.pending.isEmpty && batch.count == 1 ? .inline : .onSyncer
        }
        switch flush {
        case .alreadyRunning: break
        case .inline: sync()
        case .onSyncer: syncer.async { self.sync() }
        }
    }

    enum Flush {
        case alreadyRunning, inline, onSyncer
    }

    /// Runs on ``syncer`` (or inline on the writer when it is alone): flushes everything written so far with one `fdatasync`, then
    /// publishes it to readers and acknowledges it, in log order.
    func sync() {
        while true {
            let (batches, failure): ([WrittenBatch], EventStoreError?) = state.withLock { state in
                let batches = state.written
                state.written = []
                if batches.isEmpty { state.syncing = false }
                return (batches, state.failure)
            }
            if batches.isEmpty { return }
            var unknown: EventStoreError?
            if let failure {
                // Written after the store stopped writing: in the file, never flushed. Flushing
                // now proves nothing, as the kernel may have dropped pages after the failure.
                unknown = EventStoreError(
                    .outcomeUnknown,
                    "the store stopped writing before these events were flushed (\(failure.message)); they may or may not be in the log: retry only with the same requestId")
            } else {
                do {
                    try flushLog()
                } catch {
                    // After a failed flush the kernel may have dropped the pages, or may still
                    // write them: the events may be in the log or not, and nothing more is written.
                    let failed = EventStoreError.from(error)
                    logger.log(.error, "store_flush_failed", [
                        ("store", .string("file")), ("events", .int(Int64(batches.reduce(0) { $0 + $1.envelopes.count }))),
                        ("cause", .string(failed.message)),
                    ])
                    poison(with: failed)
                    unknown = EventStoreError(
                        .outcomeUnknown,
                        "the flush failed (\(failed.message)); the events may or may not be in the log: retry only with the same requestId")
                }
            }
            if let unknown {
                for batch in batches { for reply in batch.replies { reply.deliverUnknown(unknown) } }
                continue
            }
            let erasureFailure = eraseTexts(of: batches)
            live.withLock { live in
                for batch in batches {
                    for change in batch.textChanges {
                        for text in change.texts { live[text.ref] = text }
                        for ref in change.erasing { live[ref] = nil }
                    }
                }
            }
            let head: Int64 = index.withLock { index in
                for batch in batches {
                    for item in batch.envelopes.indices {
                        index.add(batch.envelopes[item], frameSize: batch.frameSizes[item], hash: batch.hashes[item])
                    }
                }
                return index.tail.position
            }
            ahead.withLock { view in for batch in batches { view.forget(batch) } }
            waiters.advance(to: head)
            for batch in batches {
                for reply in batch.replies {
                    if let erasureFailure, reply.erases { reply.deliverUnknown(erasureFailure) } else { reply.deliver() }
                }
            }
        }
    }

    /// The flushed versions and answers a batch needs, read under one lock rather than one
    /// lock per request (the lock is shared with every appender and reader).
    /// Also returns where the flushed log ends, which the batch's frame records (see ``BatchFrame``).
    func lookUp(_ batch: [Pending], skipping view: WriterView)
        -> (versions: [String: Int64], answers: [RequestKey: AnsweredRequest], durableEnd: Int64)
    {
        let (streams, requests) = PendingWrite.keys(of: batch.map(\.write))
        return index.withLock { index in
            var versions: [String: Int64] = [:]
            var answers: [RequestKey: AnsweredRequest] = [:]
            for stream in streams where view.versions[stream] == nil {
                versions[stream] = index.streamVersion(stream)
            }
            for key in requests where view.answered[key] == nil {
                answers[key] = index.requests[key]
            }
            return (versions, answers, index.endOffset)
        }
    }

    /// Stops all writing until the store is reopened: later writes are refused with
    /// ``EventStoreError/Code/unavailable`` (nothing of them is written) and ``writeRefusal()`` says why.
    func poison(with error: EventStoreError) {
        let first = state.withLock { state in
            guard state.failure == nil else { return false }
            state.failure = EventStoreError(.unavailable, "the store refuses writes until it is reopened, after: \(error.message)")
            return true
        }
        if first {
            logger.log(.error, "store_writes_stopped", [("store", .string("file")), ("cause", .string(error.message))])
        }
    }
}
