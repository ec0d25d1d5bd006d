/// What an acknowledged append returns: the stream's new version and the global positions
/// of its events. A retry with the same principal, `requestId` and command gets this same
/// value back.
package struct AppendResult: Sendable, Hashable {
    package var stream: String
    package var version: Int64
    package var positions: [Int64]

    package init(stream: String, version: Int64, positions: [Int64]) {
        self.stream = stream
        self.version = version
        self.positions = positions
    }
}
