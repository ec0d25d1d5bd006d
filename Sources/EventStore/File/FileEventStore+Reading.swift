import Events

extension FileEventStore {
    package func read(from position: Int64, limit: Int) async throws -> [EventEnvelope] {
        let first = max(position, 1)
        try checkOpen()
        let range: (start: Int64, end: Int64, count: Int)? = index.withLock { index in
            let head = index.tail.position
            guard first <= head, limit > 0 else { return nil }
            // Compared before adding: `first + limit` overflows for a limit near Int.max.
            let last = Int64(limit) > head - first ? head : first + Int64(limit) - 1
            return (index.offsets[Int(first - 1)], index.offsets[Int(last)], Int(last - first + 1))
        }
        guard let range else { return [] }
        return try decodeFrames(start: range.start, end: range.end, count: range.count, firstPosition: first)
    }

    package func readStream(_ stream: String, from version: Int64, limit: Int) async throws -> [EventEnvelope] {
        try checkOpen()
        let locations: [(Int64, Int64)] = index.withLock { index in
            guard let positions = index.streams[stream], limit > 0 else { return [] }
            let first = Int(max(version, 1)) - 1
            guard first < positions.count else { return [] }
            let last = limit > positions.count - first ? positions.count : first + limit
            return positions[first..<last].map { p in (index.offsets[Int(p - 1)], index.offsets[Int(p)]) }
        }
        var envelopes: [EventEnvelope] = []
        envelopes.reserveCapacity(locations.count)
        for (start, end) in locations {
            envelopes += try decodeFrames(start: start, end: end, count: 1, firstPosition: nil)
        }
        return envelopes
    }

    package func streamVersion(_ stream: String) async throws -> Int64 {
        index.withLock { $0.streamVersion(stream) }
    }

    package func head() async throws -> LogHead {
        index.withLock { $0.tail.head }
    }

    func checkOpen() throws {
        if state.withLock({ $0.closed }) { throw EventStoreError(.closed, "the store \(directory) is closed") }
    }

    package func waitForEvents(after position: Int64) async throws {
        try await waiters.wait(after: position)
    }

    /// Reads and decodes the acknowledged frames between two offsets.
    func decodeFrames(start: Int64, end: Int64, count: Int, firstPosition: Int64?) throws
        -> [EventEnvelope]
    {
        let bytes = try log.read(count: Int(end - start), at: start)
        var envelopes: [EventEnvelope] = []
        envelopes.reserveCapacity(count)
        try bytes.withUnsafeBytes { buffer throws in
            var offset = 0
            while offset < buffer.count {
                // Batch headers sit between records; the index counts them with the record after.
                if BatchFrame.starts(buffer, at: offset) {
                    offset += BatchFrame.headerSize
                    continue
                }
                let expected = firstPosition.map { $0 + Int64(envelopes.count) }
                switch RecordFrame.scan(buffer, at: offset) {
                case let .record(envelope, size):
                    envelopes.append(envelope)
                    offset += size
                case .incomplete:
                    throw EventStoreError(.damaged, "record at byte \(start + Int64(offset)) is cut short", position: expected)
                case let .bad(reason):
                    throw EventStoreError(.damaged, "record at byte \(start + Int64(offset)): \(reason)", position: expected)
                }
            }
        }
        return envelopes
    }

    package func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.withLock { $0.closed = true }
            // The queues are serial: once this runs, every write, flush and zeroing queued before has ended.
            writer.async { self.syncer.async { self.reserver.async { continuation.resume() } } }
        }
        let leftover: [Pending] = state.withLock { state in
            defer { state.pending = [] }
            return state.pending
        }
        for item in leftover { item.fail(with: EventStoreError(.closed, "the store was closed")) }
        // The blocks reserved ahead are not part of the log: a closed store's file ends at its
        // last record. After a failed flush, batches whose outcome callers were told is unknown
        // may lie beyond that end; they stay for the next open to judge.
        if state.withLock({ $0.failure }) == nil {
            let end = index.withLock { $0.endOffset }
            if (try? log.truncate(to: end)) != nil { try? log.syncData() }
        }
        waiters.close()
        lock.release()
    }
}
