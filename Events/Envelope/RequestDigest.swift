/// The fingerprint of a command as the log keeps it, so that a repeated `requestId` can be
/// told apart from a reused one after a restart and across processes.
///
/// A command's fingerprint is the SHA-256 of its canonical form (built by the caller, never
/// stored). The log holds only `SHA-256(salt ‖ fingerprint)` with the random `eventId` of
/// the append's first event as the salt: the same command sent twice leaves different
/// digests, and a low-entropy text in the command cannot be looked up in a table of
/// precomputed hashes.
package enum RequestDigest {
    /// The digest of `fingerprint` salted with `salt`, as lower-case hex.
    package static func make(fingerprint: [UInt8], salt: String) -> String {
        var hasher = SHA256()
        hasher.update(salt.utf8)
        hasher.update(fingerprint)
        return Hex.encode(hasher.finalize())
    }

    /// Whether `digest`, stored with `salt`, was made from `fingerprint`.
    package static func matches(_ digest: String, salt: String, fingerprint: [UInt8]) -> Bool {
        make(fingerprint: fingerprint, salt: salt) == digest
    }
}
