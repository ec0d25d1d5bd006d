/// What an acknowledged append returns: the stream's new version and the global positions
/// of its events. A retry with the same principal, `requestId` and command gets this same
/// value back.
public struct AppendResult: Sendable, Hashable {
    public var stream: String
    public var version: Int64
    public var positions: [Int64]

    public init(stream: String, version: Int64, positions: [Int64]) {
        self.stream = stream
        self.version = version
        self.positions = positions
    }
}
