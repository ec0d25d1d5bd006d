import Events

/// One atomic append: events for one stream, the version the writer decided on, and the
/// request metadata every envelope carries.
package struct AppendRequest: Sendable, Equatable {
    /// Longest stream name and id accepted, so that no client can bloat every envelope.
    package static let maximumIdentifierLength = 200
    /// Most events one append may carry.
    package static let maximumEventCount = 1000
    /// Largest frame (canonical envelope) of one event: a client cannot make one row, one
    /// record or one reply to a reader arbitrarily large.
    package static let maximumFrameBytes = 1 << 20
    /// Longest free text kept beside the log, in UTF-8 bytes (long text is at most 4,000
    /// scalars of at most 4 bytes each).
    package static let maximumTextBytes = 16_000

    package var stream: String
    package var expectedVersion: ExpectedVersion
    package var events: [ProposedEvent]
    package var actor: Actor
    package var correlationId: String
    package var causationId: String?
    /// A retry with the same `requestId` from the same principal (``actor``) returns the
    /// first result and appends nothing.
    package var requestId: String?
    /// The SHA-256 of the canonical form of the command this append carries out, when it
    /// has a `requestId`: a later append with the same id and another fingerprint is
    /// refused (``EventStoreError/Code/requestIdReused``) instead of answered. Never stored
    /// as it is; the log keeps it salted (``Events/RequestDigest``).
    package var requestFingerprint: [UInt8]?
    /// Versions other streams must still have when the append lands, else it is a
    /// ``EventStoreError/Code/conflict`` (0: the stream must not exist): the writer decided
    /// on their state too, so a change to any of them makes the decision stale.
    package var conditions: [String: Int64]
    /// The free texts the events refer to (``Events/FreeText``): written beside the log in
    /// the same atomic step, durable before the events are, so no acknowledged event ever
    /// refers to a text the store lost.
    package var texts: [SealedText]
    /// References whose texts this append removes from the side store (an erasure): gone
    /// when the append is acknowledged, and never gone without the append having landed.
    package var erasing: [String]

    package init(
        stream: String, expectedVersion: ExpectedVersion = .any, events: [ProposedEvent], actor: Actor,
        correlationId: String = ProposedEvent.newEventId(), causationId: String? = nil, requestId: String? = nil,
        requestFingerprint: [UInt8]? = nil, conditions: [String: Int64] = [:], texts: [SealedText] = [],
        erasing: [String] = []
    ) {
        self.stream = stream
        self.expectedVersion = expectedVersion
        self.events = events
        self.actor = actor
        self.correlationId = correlationId
        self.causationId = causationId
        self.requestId = requestId
        self.requestFingerprint = requestFingerprint
        self.conditions = conditions
        self.texts = texts
        self.erasing = erasing
    }

    /// The key its `requestId` is remembered under, or `nil` without one.
    package var requestKey: RequestKey? {
        requestId.map { RequestKey(principalId: actor.principalId, requestId: $0) }
    }

    /// Refuses a request no store should write, before it reaches the writer.
    /// - Throws: ``EventStoreError/Code/invalidRequest`` naming the fault.
    package func validate() throws(EventStoreError) {
        func check(_ value: String, _ name: String) throws(EventStoreError) {
            if value.isEmpty || value.utf8.count > AppendRequest.maximumIdentifierLength {
                throw EventStoreError(.invalidRequest, "\(name) must be 1 to \(AppendRequest.maximumIdentifierLength) bytes")
            }
            // PostgreSQL cannot store U+0000 in text: one such request would fail the whole
            // batch it was committed with, and the file store must refuse what PostgreSQL does.
            if value.utf8.contains(0) { throw EventStoreError(.invalidRequest, "\(name) contains U+0000") }
        }
        try check(stream, "stream")
        try check(actor.principalId, "actor.principalId")
        try check(actor.role, "actor.role")
        try check(correlationId, "correlationId")
        if let causationId { try check(causationId, "causationId") }
        if let requestId { try check(requestId, "requestId") }
        if events.isEmpty || events.count > AppendRequest.maximumEventCount {
            throw EventStoreError(.invalidRequest, "an append carries 1 to \(AppendRequest.maximumEventCount) events")
        }
        var refs = Set<String>()
        for text in texts {
            try check(text.ref, "a text's ref")
            if !refs.insert(text.ref).inserted { throw EventStoreError(.invalidRequest, "text \(text.ref) appears twice") }
            if text.salt.count != SealedText.saltBytes { throw EventStoreError(.invalidRequest, "text \(text.ref) has no proper salt") }
            if text.text.utf8.contains(0) { throw EventStoreError(.invalidRequest, "text \(text.ref) contains U+0000") }
            if text.text.utf8.count > AppendRequest.maximumTextBytes {
                throw EventStoreError(.invalidRequest, "text \(text.ref) is longer than \(AppendRequest.maximumTextBytes) bytes")
            }
        }
        for ref in erasing { try check(ref, "an erased ref") }
        if case let .exact(version) = expectedVersion, version < 1 {
            throw EventStoreError(.invalidRequest, "an exact expected version is 1 or more; use noStream for 0")
        }
        let sharedBytes = FrameSize.envelopeOverhead + FrameSize.string(stream) + FrameSize.string(actor.principalId)
            + FrameSize.string(actor.role) + FrameSize.string(correlationId) + (causationId.map(FrameSize.string) ?? 4)
            + (requestId.map(FrameSize.string) ?? 4)
        for event in events {
            try check(event.type, "type")
            try check(event.eventId, "eventId")
            if event.schemaVersion < 1 { throw EventStoreError(.invalidRequest, "schemaVersion must be 1 or more") }
            guard let dataBytes = FrameSize.json(event.data) else {
                throw EventStoreError(.invalidRequest, "the data of event \(event.eventId) contains U+0000")
            }
            let frameBytes = sharedBytes + FrameSize.string(event.type) + FrameSize.string(event.eventId) + dataBytes
            if frameBytes > AppendRequest.maximumFrameBytes {
                throw EventStoreError(
                    .invalidRequest, "event \(event.eventId) is larger than \(AppendRequest.maximumFrameBytes) bytes as a frame")
            }
        }
    }
}
