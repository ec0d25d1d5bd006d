import Events

/// Decides a batch of appends against the log's tail, without I/O.
///
/// Both stores run group commit through this one function: requests are taken in order,
/// each is checked against the stream versions (including earlier requests of the same
/// batch) and the `requestId`s already answered, and the accepted ones are sealed into
/// the hash chain. The store then writes ``AppendPlan/envelopes`` in one flush or
/// transaction and hands out ``AppendPlan/outcomes``.
package enum AppendPlanner {
    package struct AppendPlan: Sendable {
        /// One per request, in request order.
        package var outcomes: [Result<AppendResult, EventStoreError>]
        /// The envelopes to write, in log order.
        package var envelopes: [EventEnvelope]
        /// `canonical(n)` of each envelope, the bytes its hash covers.
        package var canonical: [[UInt8]]
        /// The tail after the envelopes.
        package var tail: LogTail
        /// Streams whose version changed, with the new version.
        package var streamVersions: [String: Int64]
        /// New `requestId` answers to remember.
        package var requestResults: [String: AppendResult]
    }

    /// Plans `requests` in order after `tail`.
    /// - Parameters:
    ///   - now: the writer's clock; `recordedAt` is never earlier than the tail's.
    ///   - streamVersion: a stream's version before this batch (0 when new).
    ///   - priorResult: the recorded result of an earlier request with that `requestId`.
    package static func plan(
        _ requests: [AppendRequest], after tail: LogTail, now: Timestamp, streamVersion: (String) -> Int64,
        priorResult: (String) -> AppendResult?
    ) -> AppendPlan {
        var plan = AppendPlan(
            outcomes: [], envelopes: [], canonical: [], tail: tail, streamVersions: [:], requestResults: [:])
        let recordedAt = max(now, tail.recordedAt)
        for request in requests {
            if let requestId = request.requestId,
                let earlier = plan.requestResults[requestId] ?? priorResult(requestId)
            {
                plan.outcomes.append(.success(earlier))
                continue
            }
            do throws(EventStoreError) {
                try request.validate()
            } catch {
                plan.outcomes.append(.failure(error))
                continue
            }
            let current = plan.streamVersions[request.stream] ?? streamVersion(request.stream)
            guard request.expectedVersion.isSatisfied(by: current) else {
                plan.outcomes.append(
                    .failure(.conflict(stream: request.stream, expected: request.expectedVersion, actual: current)))
                continue
            }
            var version = current
            var positions: [Int64] = []
            for proposed in request.events {
                version += 1
                var envelope = EventEnvelope(
                    position: plan.tail.position + 1, stream: request.stream, version: version, type: proposed.type,
                    schemaVersion: proposed.schemaVersion, eventId: proposed.eventId, recordedAt: recordedAt,
                    actor: request.actor, correlationId: request.correlationId, causationId: request.causationId,
                    requestId: request.requestId, data: proposed.data, previousHash: "", hash: "")
                let (hash, canonical) = HashChain.seal(&envelope, after: plan.tail.hash)
                plan.canonical.append(canonical)
                plan.tail = LogTail(position: envelope.position, hash: hash, recordedAt: recordedAt)
                positions.append(envelope.position)
                plan.envelopes.append(envelope)
            }
            plan.streamVersions[request.stream] = version
            let result = AppendResult(stream: request.stream, version: version, positions: positions)
            if let requestId = request.requestId { plan.requestResults[requestId] = result }
            plan.outcomes.append(.success(result))
        }
        return plan
    }

    /// Checks that imported envelopes continue the chain after `tail` and their streams,
    /// and returns the same kind of plan with them as they are.
    /// - Throws: ``EventStoreError/Code/chainMismatch`` naming the first bad position.
    package static func planImport(
        _ envelopes: [EventEnvelope], after tail: LogTail, streamVersion: (String) -> Int64,
        priorResult: (String) -> AppendResult?
    ) throws(EventStoreError) -> AppendPlan {
        var plan = AppendPlan(
            outcomes: [], envelopes: envelopes, canonical: [], tail: tail, streamVersions: [:], requestResults: [:])
        for envelope in envelopes {
            let canonical = envelope.canonicalBytes
            plan.canonical.append(canonical)
            switch HashChain.check(envelope, position: plan.tail.position + 1, previous: plan.tail.hash, canonical: canonical) {
            case let .failure(fault):
                throw EventStoreError(.chainMismatch, "position \(envelope.position): \(fault)", position: envelope.position)
            case let .success(hash):
                plan.tail = LogTail(position: envelope.position, hash: hash, recordedAt: max(plan.tail.recordedAt, envelope.recordedAt))
            }
            let current = plan.streamVersions[envelope.stream] ?? streamVersion(envelope.stream)
            guard envelope.version == current + 1 else {
                throw EventStoreError(
                    .chainMismatch,
                    "position \(envelope.position): stream \(envelope.stream) is at version \(current), the envelope has \(envelope.version)",
                    position: envelope.position)
            }
            plan.streamVersions[envelope.stream] = envelope.version
            if let requestId = envelope.requestId {
                var result = plan.requestResults[requestId] ?? priorResult(requestId)
                    ?? AppendResult(stream: envelope.stream, version: 0, positions: [])
                result.version = envelope.version
                result.positions.append(envelope.position)
                plan.requestResults[requestId] = result
            }
        }
        return plan
    }
}
