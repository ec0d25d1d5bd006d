/// What the writer believes the stream's version is, so that two writers who decided on
/// the same state cannot both append: the second gets a conflict, never a silent overwrite.
package enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// Append whatever the stream's version is.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream's current version must be exactly this (1 or more).
    case exact(Int64)

    /// Whether a stream at `actual` (0 = no stream) satisfies this expectation.
    package func isSatisfied(by actual: Int64) -> Bool {
        switch self {
        case .any: return true
        case .noStream: return actual == 0
        case let .exact(version): return actual == version
        }
    }

    package var description: String {
        switch self {
        case .any: return "any"
        case .noStream: return "noStream"
        case let .exact(version): return String(version)
        }
    }
}
