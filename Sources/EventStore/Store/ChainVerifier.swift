import Events

/// Recomputes the hash chain of a store — what `tafel verify` and `audit.verify` answer an
/// auditor with: the whole chain from position 1, or only what follows a point verified
/// before.
package enum ChainVerifier {
    /// The outcome of one verification.
    package struct Report: Sendable, Equatable {
        /// Events checked (up to, not including, the first bad one).
        package var checked: Int64
        /// Hash of the last good event (genesis for an empty log).
        package var headHash: String
        /// The first position that does not verify, or `nil` when the chain holds.
        package var firstBad: Int64?
        /// What is wrong at ``firstBad``.
        package var fault: String?

        package var ok: Bool { firstBad == nil }

        /// Where a later verification may continue: the last good event.
        package var anchor: Anchor { Anchor(position: checked, hash: headHash) }
    }

    /// A point of the chain already verified: a position and the hash the event there had.
    package struct Anchor: Sendable, Equatable {
        package var position: Int64
        /// Hex.
        package var hash: String

        package static let genesis = Anchor(position: 0, hash: HashChain.genesisHex)

        package init(position: Int64, hash: String) {
            self.position = position
            self.hash = hash
        }
    }

    /// Reads every event in order and checks position, link and hash.
    package static func verify(_ store: any EventStore) async throws -> Report {
        try await verify(store, after: .genesis) ?? Report(checked: 0, headHash: HashChain.genesisHex)
    }

    /// Checks the events after `anchor`, starting from its hash; first it checks that the
    /// event at the anchor still holds that hash.
    ///
    /// A rewrite that kept the chain consistent changes every hash from the rewritten event
    /// on, so it shows at the anchor; an edit that left the stored hashes alone shows only to
    /// a verification from position 1 (`tafel verify`).
    /// - Returns: `nil` when the event at the anchor no longer holds its hash (the caller
    ///   verifies from position 1 then).
    package static func verify(_ store: any EventStore, after anchor: Anchor) async throws -> Report? {
        guard var previous = Hex.decode(anchor.hash) else { return nil }
        var expected = anchor.position + 1
        if anchor.position > 0 {
            guard let event = try await store.read(from: anchor.position, limit: 1).first,
                event.position == anchor.position, event.hash == anchor.hash
            else { return nil }
        }
        var failure: (Int64, String)?
        try await store.readAll(from: expected) { page in
            guard failure == nil else { return }
            for envelope in page {
                switch HashChain.check(envelope, position: expected, previous: previous) {
                case let .success(hash):
                    previous = hash
                    expected += 1
                case let .failure(fault):
                    failure = (expected, fault.description)
                    return
                }
            }
        }
        return Report(checked: expected - 1, headHash: Hex.encode(previous), firstBad: failure?.0, fault: failure?.1)
    }
}
