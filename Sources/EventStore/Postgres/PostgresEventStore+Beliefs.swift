import Events

/// What a writer reads of the database to decide a batch: the last committed event, stream
/// versions and request ids already answered.
extension PostgresEventStore {
    /// The distinct streams and request ids a batch touches.
    static func keys(of batch: [Pending]) -> (streams: [String], requestIds: [String]) {
        let (streams, requestIds) = PendingWrite.keys(of: batch)
        return (Array(Set(streams)), Array(Set(requestIds)))
    }

    /// The streams of appends the decision refused as conflicts.
    static func conflictStreams(_ batch: [Pending], _ answers: [Answer]) -> Set<String> {
        var streams: Set<String> = []
        for (item, answer) in zip(batch, answers) {
            if case let .append(prepared, _) = item, answer.failure?.code == .conflict {
                streams.insert(prepared.request.stream)
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

    /// What each request id already in the log was answered: its stream, last version and positions.
    static func answers(for requestIds: [String], on connection: PostgresConnection) throws -> [String: AppendResult] {
        guard !requestIds.isEmpty else { return [:] }
        var answered: [String: AppendResult] = [:]
        for row in try connection.query(
            "SELECT request_id, stream, version, position FROM events WHERE request_id = ANY($1::text[]) ORDER BY position",
            [PostgresText.array(requestIds)]
        ).rows {
            guard let id = row[0], let stream = row[1], let version = row[2].flatMap({ Int64($0) }),
                let position = row[3].flatMap({ Int64($0) })
            else { continue }
            var result = answered[id] ?? AppendResult(stream: stream, version: version, positions: [])
            result.version = version
            result.positions.append(position)
            answered[id] = result
        }
        return answered
    }
}
