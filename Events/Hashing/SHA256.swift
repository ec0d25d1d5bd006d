/// SHA-256 (FIPS 180-4), written in Swift because the design allows no crypto package.
///
/// The hash chain of the log and the stored token digests both rest on it; the tests check
/// it against the NIST example vectors.
///
/// ```swift
/// var sha = SHA256()
/// sha.update(Array("abc".utf8))
/// let digest = sha.finalize()   // 32 bytes
/// ```
package struct SHA256: Sendable {
    static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    var pending: [UInt8] = []
    var totalLength: UInt64 = 0

    package init() {
        pending.reserveCapacity(64)
    }

    /// The digest of `bytes` in one call.
    package static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var sha = SHA256()
        sha.update(bytes)
        return sha.finalize()
    }

    /// Feeds more message bytes.
    package mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(buffer: buffer)
        }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { update(buffer: $0) }
        }
    }

    mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        totalLength &+= UInt64(buffer.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, buffer.count)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<take]))
            offset = take
            if pending.count < 64 { return }
            pending.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (buffer.count - offset) / 64
        if whole > 0 {
            compress(blocks: UnsafeRawPointer(base + offset), count: whole)
            offset += whole * 64
        }
        if offset < buffer.count {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[offset...]))
        }
    }

    /// Pads, processes the last block and returns the 32-byte digest.
    package mutating func finalize() -> [UInt8] {
        let bitLength = totalLength &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: $0.count / 64) }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    @inline(__always)
    static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

    /// Runs the compression function over `count` consecutive 64-byte blocks at `blocks`.
    ///
    /// Written for speed, because the single writer of each store hashes every event it
    /// seals: the working variables stay in locals across blocks, the 64 rounds are
    /// unrolled in groups of eight so that no round shuffles the eight variables, and the
    /// message schedule is a ring of 16 words expanded as the rounds consume it.
    mutating func compress(blocks: UnsafeRawPointer, count: Int) {
        var (a, b, c, d, e, f, g, h) = state
        SHA256.roundConstants.withUnsafeBufferPointer { constants in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { ring in
                let k = constants.baseAddress!
                let w = ring.baseAddress!
                for block in 0..<count {
                    let words = blocks + block &* 64
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: words.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
                    }
                    let before = (a, b, c, d, e, f, g, h)
                    // Eight rounds from `t`: after eight, every variable is back in its role.
                    @inline(__always) func eightRounds(from t: Int, _ word: (Int) -> UInt32) {
                        Self.round(a, b, c, &d, e, f, g, &h, k[t] &+ word(t))
                        Self.round(h, a, b, &c, d, e, f, &g, k[t &+ 1] &+ word(t &+ 1))
                        Self.round(g, h, a, &b, c, d, e, &f, k[t &+ 2] &+ word(t &+ 2))
                        Self.round(f, g, h, &a, b, c, d, &e, k[t &+ 3] &+ word(t &+ 3))
                        Self.round(e, f, g, &h, a, b, c, &d, k[t &+ 4] &+ word(t &+ 4))
                        Self.round(d, e, f, &g, h, a, b, &c, k[t &+ 5] &+ word(t &+ 5))
                        Self.round(c, d, e, &f, g, h, a, &b, k[t &+ 6] &+ word(t &+ 6))
                        Self.round(b, c, d, &e, f, g, h, &a, k[t &+ 7] &+ word(t &+ 7))
                    }
                    eightRounds(from: 0) { w[$0] }
                    eightRounds(from: 8) { w[$0] }
                    for t in stride(from: 16, to: 64, by: 8) { eightRounds(from: t) { Self.expand(w, $0) } }
                    a = a &+ before.0
                    b = b &+ before.1
                    c = c &+ before.2
                    d = d &+ before.3
                    e = e &+ before.4
                    f = f &+ before.5
                    g = g &+ before.6
                    h = h &+ before.7
                }
            }
        }
        state = (a, b, c, d, e, f, g, h)
    }

    /// One round of FIPS 180-4 §6.2.2 step 3, with the variables named by their role in
    /// this round; `d` and `h` are the two that change. `kw` is `K(t) + W(t)`.
    @inline(__always)
    static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ kw: UInt32
    ) {
        let temp1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        d = d &+ temp1
        h = temp1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
    }

    /// `W(t)` for `t` from 16 on (FIPS 180-4 §6.2.2 step 1), kept in the ring `w[t mod 16]`.
    @inline(__always)
    static func expand(_ w: UnsafeMutablePointer<UInt32>, _ t: Int) -> UInt32 {
        let w15 = w[(t &+ 1) & 15]
        let w2 = w[(t &+ 14) & 15]
        let sigma0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
        let sigma1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
        let value = w[t & 15] &+ sigma0 &+ w[(t &+ 9) & 15] &+ sigma1
        w[t & 15] = value
        return value
    }
}
