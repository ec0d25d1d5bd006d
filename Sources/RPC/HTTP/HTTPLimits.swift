/// The limits a request must stay within; each is a flag of `tafel serve`.
package struct HTTPLimits: Sendable, Equatable {
    /// Request line plus headers, in bytes (431 beyond it).
    package var maximumHeaderBytes: Int
    /// Number of header fields (431 beyond it).
    package var maximumHeaderCount: Int
    /// Body bytes (413, answered from `Content-Length` before reading the body).
    package var maximumBodyBytes: Int

    package init(maximumHeaderBytes: Int = 16 * 1024, maximumHeaderCount: Int = 100, maximumBodyBytes: Int = 1024 * 1024) {
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumHeaderCount = maximumHeaderCount
        self.maximumBodyBytes = maximumBodyBytes
    }
}
