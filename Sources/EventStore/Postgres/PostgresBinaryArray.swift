import Events

/// A one-dimensional array parameter in PostgreSQL's binary wire format, built element
/// by element: of `bigint`, `text`, `bytea` or `timestamptz`.
///
/// Why: the writer sends a batch as one array per column. As text literals, the server
/// parsed every element with `array_in` (a sixth of the writer's backend time at 64
/// clients) and the writer escaped every quote of every canonical JSON document. In binary
/// each element is its length and its bytes.
struct PostgresBinaryArray: Sendable {
    /// The element types' OIDs, fixed in PostgreSQL's catalogue (`pg_type`).
    enum ElementType: UInt32, Sendable {
        case bigint = 20
        case text = 25
        case bytea = 17
        case timestamptz = 1184
    }

    let type: ElementType
    private(set) var count = 0
    private var hasNull = false
    /// The elements, each as its length (-1 for NULL) and its bytes.
    private var body: [UInt8] = []

    init(_ type: ElementType) {
        self.type = type
    }

    /// A `bigint[]`.
    init(_ numbers: [Int64]) {
        self.init(.bigint)
        for number in numbers { append(number) }
    }

    /// A `text[]`; `nil` is SQL NULL.
    init(_ texts: [String?]) {
        self.init(.text)
        for text in texts { append(text) }
    }

    /// A `bytea[]`.
    init(bytes: [[UInt8]]) {
        self.init(.bytea)
        for element in bytes { append(bytes: element) }
    }

    /// A `timestamptz[]`.
    init(_ times: [Timestamp]) {
        self.init(.timestamptz)
        for time in times { append(time) }
    }

    mutating func append(_ number: Int64) {
        put(UInt32(8))
        put(number)
        count += 1
    }

    /// Microseconds since 2000-01-01T00:00:00Z, PostgreSQL's epoch.
    mutating func append(_ time: Timestamp) {
        append((time.millisecondsSinceEpoch - 946_684_800_000) * 1000)
    }

    mutating func append(_ text: String?) {
        guard var text else {
            put(Int32(-1))
            hasNull = true
            count += 1
            return
        }
        text.withUTF8 { append(bytes: $0) }
    }

    /// An element whose binary form is these bytes as they are (`bytea`, or UTF-8 `text`).
    mutating func append(bytes: some Collection<UInt8>) {
        put(UInt32(bytes.count))
        body.append(contentsOf: bytes)
        count += 1
    }

    /// The parameter: one dimension of ``count`` elements with lower bound 1, then the elements.
    var encoded: [UInt8] {
        var header = PostgresBinaryArray(type)
        for word in [UInt32(1), hasNull ? 1 : 0, type.rawValue, UInt32(count), 1] { header.put(word) }
        return header.body + body
    }

    private mutating func put<Word: FixedWidthInteger>(_ word: Word) {
        withUnsafeBytes(of: word.bigEndian) { body.append(contentsOf: $0) }
    }
}
