/// The last event of the log: its position (0 for an empty log) and hash (hex).
public struct LogHead: Sendable, Hashable {
    public var position: Int64
    public var hash: String

    public init(position: Int64, hash: String) {
        self.position = position
        self.hash = hash
    }
}
