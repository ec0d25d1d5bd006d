import Events

/// Recomputes the hash chain of a whole store from position 1 — what `tafel verify` and
/// `audit.verify` answer an auditor with.
public enum ChainVerifier {
    /// The outcome of one verification.
    public struct Report: Sendable, Equatable {
        /// Events checked (up to, not including, the first bad one).
        public var checked: Int64
        /// Hash of the last good event (genesis for an empty log).
        public var headHash: String
        /// The first position that does not verify, or `nil` when the chain holds.
        public var firstBad: Int64?
        /// What is wrong at ``firstBad``.
        public var fault: String?

        public var ok: Bool { firstBad == nil }
    }

    /// Reads every event in order and checks position, link and hash.
    public static func verify(_ store: any EventStore) async throws -> Report {
        var previous = HashChain.genesis
        var expected: Int64 = 1
        var failure: (Int64, String)?
        try await store.readAll(from: 1) { page in
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
