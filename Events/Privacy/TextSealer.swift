import Glibc

/// Seals the free texts of one decision: each gets a reference and a salt, and the event
/// body gets only ``FreeText`` (reference and digest).
///
/// The decider stays a pure function: references and salts are derived from a seed the
/// caller draws (``random()``) the way it draws event ids, so the same seed gives the same
/// events, and tests can fix it. Each salt is SHA-256 over the seed and a counter; without
/// the seed, which is never stored, a salt is as unpredictable as a random one.
package struct TextSealer: Sendable {
    let seed: [UInt8]
    /// The texts sealed so far, in order: what the append must write beside the log.
    package private(set) var sealed: [SealedText] = []

    package init(seed: [UInt8]) {
        self.seed = seed
    }

    /// A sealer with a fresh seed from the system's secure generator.
    package static func random() -> TextSealer {
        var seed = [UInt8](repeating: 0, count: 32)
        seed.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
        return TextSealer(seed: seed)
    }

    /// Seals `text`, remembering it for the append.
    package mutating func seal(_ text: String) -> FreeText {
        var hasher = SHA256()
        hasher.update(seed)
        hasher.update(Self.counterBytes(sealed.count))
        let derived = hasher.finalize()
        let sealedText = SealedText(
            ref: "t-" + Hex.encode(derived[0..<16]), salt: Array(derived[16..<(16 + SealedText.saltBytes)]), text: text)
        sealed.append(sealedText)
        return sealedText.freeText
    }

    /// Seals `text` when there is one.
    package mutating func seal(_ text: String?) -> FreeText? {
        text.map { seal($0) }
    }

    static func counterBytes(_ counter: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt64(counter).bigEndian) { Array($0) }
    }
}
