/// The hash chain of EventLog.md (EventStore.docc): `hash(n) = SHA-256(hash(n-1) ‖ canonical(n))`, where
/// `hash(n-1)` enters as its 32 raw bytes, `canonical(n)` as its UTF-8 bytes, and
/// `hash(0)` is 32 zero bytes.
///
/// Both stores and `tafel verify` use this one definition, so a log moved between stores
/// keeps its hashes byte for byte.
package enum HashChain {
    /// `hash(0)`: 32 zero bytes.
    package static let genesis = [UInt8](repeating: 0, count: 32)

    /// `hash(0)` as hex.
    package static let genesisHex = Hex.encode(genesis)

    /// The hash of an event whose canonical form is `canonical`, following `previous`.
    package static func link(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var sha = SHA256()
        sha.update(previous)
        sha.update(canonical)
        return sha.finalize()
    }

    /// Fills in `previousHash` and `hash` of `envelope` after `previous` (raw bytes) and
    /// returns the new hash as raw bytes.
    /// Also returns `canonical(n)`, which stores write as they are so that the bytes on
    /// disk are the bytes the chain covers.
    @discardableResult
    package static func seal(_ envelope: inout EventEnvelope, after previous: [UInt8]) -> (hash: [UInt8], canonical: [UInt8]) {
        envelope.previousHash = Hex.encode(previous)
        let canonical = envelope.canonicalBytes
        let hash = link(previous: previous, canonical: canonical)
        envelope.hash = Hex.encode(hash)
        return (hash, canonical)
    }

    /// Why an envelope does not continue a chain.
    package enum Fault: Error, Sendable, Equatable, CustomStringConvertible {
        case position(expected: Int64, found: Int64)
        case previousHash(expected: String, found: String)
        case hash(expected: String, found: String)

        package var description: String {
            switch self {
            case let .position(expected, found): return "position \(found) where \(expected) was expected"
            case let .previousHash(expected, found): return "previousHash \(found) does not match \(expected)"
            case let .hash(expected, found): return "hash \(found) does not match the recomputed \(expected)"
            }
        }
    }

    /// Checks that `envelope` continues a chain whose last event had `position - 1` and
    /// hash `previous`, and returns its hash as raw bytes, or the fault.
    /// - Parameter canonical: `canonical(n)` when the caller has it already.
    package static func check(_ envelope: EventEnvelope, position: Int64, previous: [UInt8], canonical: [UInt8]? = nil)
        -> Result<[UInt8], Fault>
    {
        if envelope.position != position {
            return .failure(.position(expected: position, found: envelope.position))
        }
        let previousHex = Hex.encode(previous)
        if envelope.previousHash != previousHex {
            return .failure(.previousHash(expected: previousHex, found: envelope.previousHash))
        }
        let hash = link(previous: previous, canonical: canonical ?? envelope.canonicalBytes)
        let hex = Hex.encode(hash)
        if envelope.hash != hex { return .failure(.hash(expected: hex, found: envelope.hash)) }
        return .success(hash)
    }
}
