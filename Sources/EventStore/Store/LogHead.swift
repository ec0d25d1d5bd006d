/// The last event of the log: its position (0 for an empty log) and hash (hex).
package struct LogHead: Sendable, Hashable {
    package var position: Int64
    package var hash: String

    package init(position: Int64, hash: String) {
        self.position = position
        self.hash = hash
    }
}
