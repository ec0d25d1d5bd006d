extension JSONParser {
    /// What one parse may cost, for text from someone who need not be trusted.
    ///
    /// A JSON text can ask for far more memory than it occupies: `[{},{},…]` spends three
    /// bytes per value, and every value costs a ``JSONValue`` (24 bytes) in its array. The
    /// parser counts the memory of what it builds — array and member storage, long strings,
    /// its own work stacks — as it goes, and stops at the first value beyond the budget,
    /// before allocating it. The count follows the real allocations closely (it adds the
    /// allocator's and the array header's overhead per block), so a budget of a few times
    /// the text bounds the parse's memory to a few times the text.
    package struct Limits: Sendable, Equatable {
        /// Bytes of memory the parsed values and the parser's stacks may take; `nil`: no limit.
        package var maximumBytes: Int?
        /// Elements of an array at the top level (a JSON-RPC batch); `nil`: no limit. Checked
        /// as each element starts, so a longer array is refused without reading it all.
        package var maximumRootElements: Int?

        package init(maximumBytes: Int? = nil, maximumRootElements: Int? = nil) {
            self.maximumBytes = maximumBytes
            self.maximumRootElements = maximumRootElements
        }

        /// No limit but the depth: for the log and other text Tafel wrote itself.
        package static let none = Limits()
    }

    /// What a parse cost, by the parser's own count.
    package struct Statistics: Sendable, Equatable {
        /// Values made (every scalar, array and object).
        package var values = 0
        /// Bytes of memory allocated for the values and the parser's stacks, by the count
        /// ``Limits/maximumBytes`` is checked against.
        package var allocatedBytes = 0

        package init() {}
    }

    /// Bytes one heap block costs beyond its payload: the array or string header (32) and
    /// the allocator's own word and rounding (16).
    static let blockOverhead = 48
}
