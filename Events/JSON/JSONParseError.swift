/// Why a byte sequence is not JSON, and where: the offset is what a client or an operator
/// needs to find the fault in a request body or a damaged log line.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which kind of fault: the text itself, or a limit of ``JSONParser/Limits`` it reached.
    package struct Code: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        package var rawValue: String

        package init(stringLiteral value: String) { rawValue = value }

        package var description: String { rawValue }

        /// The bytes are not RFC 8259 JSON.
        package static let syntax: Code = "syntax"
        /// The values would take more memory than ``JSONParser/Limits/maximumBytes`` allows.
        package static let tooLarge: Code = "too_large"
        /// The top-level array has more elements than ``JSONParser/Limits/maximumRootElements``.
        package static let tooManyRootElements: Code = "too_many_root_elements"
    }

    package var offset: Int
    package var reason: String
    package var code: Code

    package init(offset: Int, reason: String, code: Code = .syntax) {
        self.offset = offset
        self.reason = reason
        self.code = code
    }

    package var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
