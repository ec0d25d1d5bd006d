import Events

/// Where read records are kept: `reads.log` beside the file store's `events.log`, or the
/// `read_log` table of the PostgreSQL store. Append-only and hash-chained, one chain even
/// when several server processes share one database.
///
/// Writers batch: ``ReadLogWriter`` hands over the records of about 100 ms at once, so a
/// query never waits for this log.
package protocol ReadLog: AnyObject, Sendable {
    /// Appends `records` in order, each with the next sequence number and chained after the
    /// last record; durable when this returns.
    /// - Returns: the records as appended (sequence and hashes filled in).
    func append(_ records: [ReadRecord]) async throws -> [ReadRecord]

    /// Records with a sequence number after `sequence`, in order, at most `limit`; for
    /// verification and paging.
    func records(after sequence: Int64, limit: Int) async throws -> [ReadRecord]

    /// Records of one dossier or one actor with a sequence number after `after`, whose
    /// `startTime` lies in `from ... until` (each bound optional), in order, at most `limit`.
    func records(matching selection: ReadSelection, from: Timestamp?, until: Timestamp?, after: Int64, limit: Int) async throws
        -> [ReadRecord]

    /// Releases files or connections.
    func close() async
}

/// Whose reads `audit.reads` lists.
package enum ReadSelection: Sendable, Equatable {
    case dossier(String)
    case actor(String)

    func matches(_ record: ReadRecord) -> Bool {
        switch self {
        case let .dossier(id): record.dossierIds.contains(id)
        case let .actor(id): record.actor == id
        }
    }
}

/// Recomputes the read log's chain, as ``ChainVerifier`` does for the event log.
package enum ReadLogVerifier {
    /// Checks sequence, link and hash of every record from 1.
    package static func verify(_ log: any ReadLog, pageSize: Int = 5000) async throws -> ChainVerifier.Report {
        var previous = HashChain.genesis
        var expected: Int64 = 1
        while true {
            let page = try await log.records(after: expected - 1, limit: pageSize)
            guard !page.isEmpty else { break }
            for record in page {
                if let fault = fault(record, sequence: expected, previous: previous) {
                    return ChainVerifier.Report(checked: expected - 1, headHash: Hex.encode(previous), firstBad: expected, fault: fault)
                }
                previous = HashChain.link(previous: previous, canonical: record.canonicalBytes)
                expected += 1
            }
        }
        return ChainVerifier.Report(checked: expected - 1, headHash: Hex.encode(previous))
    }

    static func fault(_ record: ReadRecord, sequence: Int64, previous: [UInt8]) -> String? {
        if record.sequence != sequence { return "sequence \(record.sequence) where \(sequence) was expected" }
        let previousHex = Hex.encode(previous)
        if record.previousHash != previousHex { return "previousHash \(record.previousHash) does not match \(previousHex)" }
        let hash = Hex.encode(HashChain.link(previous: previous, canonical: record.canonicalBytes))
        if record.hash != hash { return "hash \(record.hash) does not match the recomputed \(hash)" }
        return nil
    }
}
