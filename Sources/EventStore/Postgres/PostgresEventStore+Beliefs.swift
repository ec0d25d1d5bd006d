import Events

/// What a writer reads of the database to decide a batch: the last committed event, stream
/// versions and request ids already answered.
extension PostgresEventStore {
    /// The distinct streams and request keys a batch touches, to be looked up. Keys holding
    /// U+0000 are left out: PostgreSQL cannot even compare them, and the planner refuses
    /// their requests, which must not fail the lookups of the rest of the batch.
    static func keys(of batch: [Pending]) -> (streams: [String], requests: [RequestKey]) {
        let (streams, requests) = PendingWrite.keys(of: batch)
        let storable = { (key: String) in !key.utf8.contains(0) }
        return (
            Array(Set(streams.filter(storable))),
            Array(Set(requests.filter { storable($0.principalId) && storable($0.requestId) }))
        )
    }

    /// The streams of appends the decision refused as conflicts, with their conditions' streams.
    static func conflictStreams(_ batch: [Pending], _ answers: [Answer]) -> Set<String> {
        var streams: Set<String> = []
        for (item, answer) in zip(batch, answers) {
            if case let .append(prepared, _) = item, answer.failure?.code == .conflict {
                streams.insert(prepared.request.stream)
                streams.formUnion(prepared.request.conditions.keys)
            }
        }
        return streams
    }

    /// The last committed event: where the next one goes.
    static func tail(on connection: PostgresConnection) throws -> LogTail {
        guard let row = try connection.query(
            """
            SELECT position, encode(hash, 'hex'), (extract(epoch FROM recorded_at) * 1000)::bigint
            FROM events ORDER BY position DESC LIMIT 1
            """
        ).first else { return .empty }
        guard let position = row[0].flatMap({ Int64($0) }), let hash = row[1].flatMap(Hex.decode),
            let recordedAt = row[2].flatMap({ Int64($0) })
        else { throw EventStoreError(.damaged, "the last event row does not parse") }
        return LogTail(position: position, hash: hash, recordedAt: Timestamp(millisecondsSinceEpoch: recordedAt))
    }

    /// The current version of each stream (0 for a stream without events).
    static func versions(of streams: [String], on connection: PostgresConnection) throws -> [String: Int64] {
        var versions: [String: Int64] = [:]
        for row in try connection.query(
            "SELECT s, coalesce((SELECT max(version) FROM events WHERE stream = s), 0) FROM unnest($1::text[]) AS s",
            [PostgresText.array(streams)]
        ).rows {
            if let stream = row[0], let version = row[1].flatMap({ Int64($0) }) { versions[stream] = version }
        }
        return versions
    }

    /// What each request already in the log (by principal and request id) was answered: its
    /// stream, last version and positions, and the digest of its command with its salt.
    ///
    /// The digest is read from the first event's canonical JSON rather than kept in a column
    /// of its own: this runs only when a request id comes back, and the insert stays as it was.
    static func answers(for requests: [RequestKey], on connection: PostgresConnection) throws -> [RequestKey: AnsweredRequest] {
        guard !requests.isEmpty else { return [:] }
        var answered: [RequestKey: AnsweredRequest] = [:]
        for row in try connection.query(
            """
            SELECT e.actor_id, e.request_id, e.stream, e.version, e.position, e.event_id,
                   CASE WHEN e.canonical LIKE '%"requestDigest":%' THEN e.canonical::json->>'requestDigest' END
            FROM unnest($1::text[], $2::text[]) AS k(actor_id, request_id)
            JOIN events e ON e.actor_id = k.actor_id AND e.request_id = k.request_id
            ORDER BY e.position
            """,
            [PostgresText.array(requests.map(\.principalId)), PostgresText.array(requests.map(\.requestId))]
        ).rows {
            guard let principalId = row[0], let requestId = row[1], let stream = row[2],
                let version = row[3].flatMap({ Int64($0) }), let position = row[4].flatMap({ Int64($0) }), let eventId = row[5]
            else { continue }
            let key = RequestKey(principalId: principalId, requestId: requestId)
            var answer = answered[key] ?? AnsweredRequest(result: AppendResult(stream: stream, version: version, positions: []))
            answer.result.version = version
            answer.result.positions.append(position)
            if answer.digest == nil, let digest = row[6] { answer.digest = (digest, eventId) }
            answered[key] = answer
        }
        return answered
    }
}
