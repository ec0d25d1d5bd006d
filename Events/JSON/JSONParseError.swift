/// Why a byte sequence is not JSON, and where: the offset is what a client or an operator
/// needs to find the fault in a request body or a damaged log line.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which kind of fault: the text itself, or a limit of ``JSONParser/Limits`` it reached.
    public struct Code: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String

        public init(stringLiteral value: String) { rawValue = value }

        public var description: String { rawValue }

        /// The bytes are not RFC 8259 JSON.
        public static let syntax: Code = "syntax"
        /// The values would take more memory than ``JSONParser/Limits/maximumBytes`` allows.
        public static let tooLarge: Code = "too_large"
        /// The top-level array has more elements than ``JSONParser/Limits/maximumRootElements``.
        public static let tooManyRootElements: Code = "too_many_root_elements"
    }

    public var offset: Int
    public var reason: String
    public var code: Code

    public init(offset: Int, reason: String, code: Code = .syntax) {
        self.offset = offset
        self.reason = reason
        self.code = code
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
