/// The elements of the arrays (or the members of the objects) the parser is inside, on one
/// stack: a closing bracket moves its elements off into an array of exactly their number.
///
/// Growing each array in place costs a block per doubling and leaves up to half of it
/// unused; reserving a few members per object in advance costs hundreds of bytes for `{}`.
/// One stack, reused by every array of a parse, is allocated a handful of times per parse,
/// and every array it hands out is as small as it can be.
struct ParseStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    init() {}

    /// Bytes the stack would hold after growing once more.
    var bytesAfterGrowth: Int { Swift.max(16, capacity * 2) * MemoryLayout<Element>.stride }

    /// Whether the next push grows the stack.
    var isFull: Bool { count == capacity }

    /// Adds `element`; the caller has accounted for ``bytesAfterGrowth`` when ``isFull``.
    mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let newCapacity = Swift.max(16, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }

    /// Moves the elements from `start` to the top into a new array, without copying them
    /// one by one (no retain or release per element).
    mutating func pop(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0, let base else { return [] }
        count = start
        return Array(unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress.unsafelyUnwrapped.moveInitialize(from: base + start, count: moved)
            initialized = moved
        }
    }

    deinit {
        if let base {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }
}
