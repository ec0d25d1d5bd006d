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
            batch, after: start.tail, now: clock(),
            streamVersion: { start.versions[$0] ?? known.versions[$0] ?? 0 },
            priorResult: { start.answered[$0] ?? known.answers[$0] })
        let replies = zip(batch, answers).map { Reply(item: $0, answer: $1) }
        guard !plan.envelopes.isEmpty else {
            for reply in replies { reply.deliver() }
            return
        }
        let (envelopes, canonical, hashes) = (plan.envelopes, plan.canonical, plan.hashes)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(envelopes.count * 600)
        var written = WrittenBatch(envelopes: envelopes, frameSizes: [], hashes: [], replies: replies)
        var previous = start.tail.hash
        for (hash, body) in zip(hashes, canonical) {
            let before = bytes.count
            RecordFrame.append(previousHash: previous, hash: hash, canonical: body, to: &bytes)
            written.frameSizes.append(bytes.count - before)
            previous = hash
        }
        written.hashes = hashes
        reserveAhead(writingThrough: start.endOffset + Int64(bytes.count))
        do {
            try bytes.withUnsafeBytes { buffer in try log.write(buffer, at: start.endOffset) }
        } catch {
            let error = EventStoreError.from(error)
            // Nothing of this batch is acknowledged; cut it so no reader or reopen sees it.
            if (try? log.truncate(to: start.endOffset)) == nil {
                poison(with: EventStoreError(.io, "\(error.message); the log could not be cut back: reopen the store"))
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
            var outcome = failure
            if outcome == nil {
                do {
                    try log.syncData()
                } catch {
                    // After a failed flush the kernel may have dropped the pages: stop writing.
                    let failed = EventStoreError.from(error)
                    poison(with: failed)
                    outcome = failed
                }
            }
            if let error = outcome {
                for batch in batches { for reply in batch.replies { reply.deliver(overriding: error) } }
                continue
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
            for batch in batches { for reply in batch.replies { reply.deliver() } }
        }
    }

    /// The flushed versions and answers a batch needs, read under one lock rather than one
    /// lock per request (the lock is shared with every appender and reader).
    func lookUp(_ batch: [Pending], skipping view: WriterView) -> (versions: [String: Int64], answers: [RequestKey: AnsweredRequest]) {
        let (streams, requests) = PendingWrite.keys(of: batch)
        return index.withLock { index in
            var versions: [String: Int64] = [:]
            var answers: [RequestKey: AnsweredRequest] = [:]
            for stream in streams where view.versions[stream] == nil {
                versions[stream] = index.streamVersion(stream)
            }
            for key in requests where view.answered[key] == nil {
                answers[key] = index.requests[key]
            }
            return (versions, answers)
        }
    }

    func poison(with error: EventStoreError) {
        state.withLock { state in
            if state.failure == nil {
                state.failure = EventStoreError(.io, "the store stopped writing after: \(error.message)")
            }
        }
    }
}
