import Events

/// A request id as the client wrote it. JSON-RPC 2.0 echoes ids exactly; a number read into
/// `Int64` or `Double` would not be (`1e2` came back `100.0`, `1e400` came back `null`), so
/// a number keeps its text and is written back byte for byte.
package enum RPCId: Sendable, Equatable {
    case null
    case string(String)
    /// A number, as its JSON text.
    case number(String)

    /// The id as JSON text.
    package var bytes: [UInt8] {
        switch self {
        case .null: return Array("null".utf8)
        case let .string(text): return JSONValue.string(text).canonicalBytes
        case let .number(text): return Array(text.utf8)
        }
    }
}
