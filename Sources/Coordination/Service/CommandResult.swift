/// What a command returns (API.md): the stream, its new version, the positions appended.
public struct CommandResult: Sendable, Equatable {
    public var stream: String
    public var version: Int64
    public var positions: [Int64]

    public init(stream: String, version: Int64, positions: [Int64]) {
        self.stream = stream
        self.version = version
        self.positions = positions
    }
}
