import Events

/// Decides a batch of appends against the log's tail, without I/O.
///
/// Both stores run group commit through this one function: requests are taken in order,
/// each is checked against the stream versions (including earlier requests of the same
/// batch) and the requests already answered (by principal and `requestId`), and the accepted ones are sealed into
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
        /// The raw hash of each envelope.
        package var hashes: [[UInt8]]
        /// The tail after the envelopes.
        package var tail: LogTail
        /// Streams whose version changed, with the new version.
        package var streamVersions: [String: Int64]
        /// New request answers to remember.
        package var requestResults: [RequestKey: AnsweredRequest]
    }

    /// Plans `requests` in order after `tail`.
    /// - Parameters:
    ///   - now: the writer's clock; `recordedAt` is never earlier than the tail's.
    ///   - streamVersion: a stream's version before this batch (0 when new).
    ///   - priorResult: the recorded answer of an earlier request with that principal and `requestId`.
    package static func plan(
        _ requests: [AppendRequest], after tail: LogTail, now: Timestamp, streamVersion: (String) -> Int64,
        priorResult: (RequestKey) -> AnsweredRequest?
    ) -> AppendPlan {
        plan(requests.map(PreparedAppend.init), after: tail, now: now, streamVersion: streamVersion, priorResult: priorResult)
    }

    /// Plans appends whose canonical templates were built beforehand (off the writer's thread).
    package static func plan(
        _ prepared: [PreparedAppend], after tail: LogTail, now: Timestamp, streamVersion: (String) -> Int64,
        priorResult: (RequestKey) -> AnsweredRequest?
    ) -> AppendPlan {
        var plan = AppendPlan(
            outcomes: [], envelopes: [], canonical: [], hashes: [], tail: tail, streamVersions: [:], requestResults: [:])
        let recordedAt = max(now, tail.recordedAt)
        let recordedText = Array(recordedAt.iso8601.utf8)
        for item in prepared {
            let request = item.request
            let key = request.requestKey
            if let key, let earlier = plan.requestResults[key] ?? priorResult(key) {
                plan.outcomes.append(
                    earlier.isRetry(fingerprint: request.requestFingerprint)
                        ? .success(earlier.result) : .failure(.requestIdReused(key)))
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
            if let broken = brokenCondition(of: request, in: plan, streamVersion: streamVersion) {
                plan.outcomes.append(.failure(broken))
                continue
            }
            var version = current
            var positions: [Int64] = []
            for (proposed, template) in zip(request.events, item.templates) {
                version += 1
                let position = plan.tail.position + 1
                let canonical = template.render(position: position, recordedAt: recordedText, version: version)
                let hash = HashChain.link(previous: plan.tail.hash, canonical: canonical)
                let envelope = EventEnvelope(
                    position: position, stream: request.stream, version: version, type: proposed.type,
                    schemaVersion: proposed.schemaVersion, eventId: proposed.eventId, recordedAt: recordedAt,
                    actor: request.actor, correlationId: request.correlationId, causationId: request.causationId,
                    requestId: request.requestId, requestDigest: positions.isEmpty ? item.requestDigest : nil,
                    data: proposed.data, previousHash: Hex.encode(plan.tail.hash), hash: Hex.encode(hash))
                plan.canonical.append(canonical)
                plan.hashes.append(hash)
                plan.tail = LogTail(position: envelope.position, hash: hash, recordedAt: recordedAt)
                positions.append(envelope.position)
                plan.envelopes.append(envelope)
            }
            plan.streamVersions[request.stream] = version
            let result = AppendResult(stream: request.stream, version: version, positions: positions)
            if let key {
                // Validated above: there is a first event, whose id salted the digest.
                let digest = item.requestDigest.map { (value: $0, salt: request.events[0].eventId) }
                plan.requestResults[key] = AnsweredRequest(result: result, digest: digest)
            }
            plan.outcomes.append(.success(result))
        }
        return plan
    }

    /// The conflict of the first condition of `request` (by stream name) that does not hold
    /// after the appends planned so far, or `nil` when all hold.
    static func brokenCondition(
        of request: AppendRequest, in plan: AppendPlan, streamVersion: (String) -> Int64
    ) -> EventStoreError? {
        guard !request.conditions.isEmpty else { return nil }
        for (stream, expected) in request.conditions.sorted(by: { $0.key < $1.key }) {
            let actual = plan.streamVersions[stream] ?? streamVersion(stream)
            if actual != expected {
                return .conflict(stream: stream, expected: expected == 0 ? .noStream : .exact(expected), actual: actual)
            }
        }
        return nil
    }

    /// Checks that imported envelopes continue the chain after `tail` and their streams,
    /// and returns the same kind of plan with them as they are.
    /// - Throws: ``EventStoreError/Code/chainMismatch`` naming the first bad position.
    package static func planImport(
        _ envelopes: [EventEnvelope], after tail: LogTail, streamVersion: (String) -> Int64,
        priorResult: (RequestKey) -> AnsweredRequest?
    ) throws(EventStoreError) -> AppendPlan {
        var plan = AppendPlan(
            outcomes: [], envelopes: envelopes, canonical: [], hashes: [], tail: tail, streamVersions: [:],
            requestResults: [:])
        for envelope in envelopes {
            let canonical = envelope.canonicalBytes
            plan.canonical.append(canonical)
            switch HashChain.check(envelope, position: plan.tail.position + 1, previous: plan.tail.hash, canonical: canonical) {
            case let .failure(fault):
                throw EventStoreError(.chainMismatch, "position \(envelope.position): \(fault)", position: envelope.position)
            case let .success(hash):
                plan.hashes.append(hash)
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
            if let key = RequestKey(envelope) {
                plan.requestResults[key] = AnsweredRequest.recording(envelope, into: plan.requestResults[key] ?? priorResult(key))
            }
        }
        return plan
    }
}

/// An append with the canonical templates of its events already built, so that the
/// store's single writer only splices in positions, versions and the time.
///
/// A class, and immutable: a queued append is copied several times on its way through the
/// writer (keys, planning, replies), and copying a struct of this many strings and arrays
/// cost a retain and a release for each of them every time.
package final class PreparedAppend: Sendable {
    package let request: AppendRequest
    package let templates: [CanonicalTemplate]
    /// The salted digest the first event carries (``Events/RequestDigest``), when the request
    /// has a `requestId` and a fingerprint.
    package let requestDigest: String?

    package init(_ request: AppendRequest) {
        self.request = request
        let digest: String? =
            if request.requestId != nil, let fingerprint = request.requestFingerprint, let first = request.events.first {
                RequestDigest.make(fingerprint: fingerprint, salt: first.eventId)
            } else {
                nil
            }
        self.requestDigest = digest
        self.templates = request.events.enumerated().map { index, event in
            CanonicalTemplate(
                actor: request.actor, causationId: request.causationId, correlationId: request.correlationId,
                data: event.data, eventId: event.eventId, requestDigest: index == 0 ? digest : nil,
                requestId: request.requestId, schemaVersion: event.schemaVersion, stream: request.stream, type: event.type)
        }
    }
}
