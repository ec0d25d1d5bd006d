import Synchronization

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
    private let spare: ParseStackSpare

    init(spare: ParseStackSpare) {
        self.spare = spare
    }

    /// Bytes the stack would hold after growing once more.
    var bytesAfterGrowth: Int { Swift.max(ParseStackSpare.capacity, capacity * 2) * MemoryLayout<Element>.stride }

    /// Whether the next push grows the stack.
    var isFull: Bool { count == capacity }

    /// Adds `element`; the caller has accounted for ``bytesAfterGrowth`` when ``isFull``.
    mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        if base == nil, let reused = spare.take() {
            base = reused.assumingMemoryBound(to: Element.self)
            capacity = ParseStackSpare.capacity
            return
        }
        let newCapacity = Swift.max(ParseStackSpare.capacity, capacity * 2)
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
            if capacity == ParseStackSpare.capacity, spare.give(UnsafeMutableRawPointer(base)) { return }
            base.deallocate()
        }
    }
}

/// One spare first block for the stacks of one element type, handed from parse to parse:
/// replay parses millions of small documents, and the block each would otherwise allocate
/// and free costs a tenth of the parse.
struct ParseStackSpare: Sendable {
    /// Elements in a first block.
    static let capacity = 16

    static let elements = ParseStackSpare(slot: 0)
    static let members = ParseStackSpare(slot: 1)

    private static let elementSlot = Atomic<UInt>(0)
    private static let memberSlot = Atomic<UInt>(0)

    let slot: Int

    /// The spare block, if no other parse holds it.
    func take() -> UnsafeMutableRawPointer? {
        let bits = slot == 0 ? Self.elementSlot.exchange(0, ordering: .acquiring) : Self.memberSlot.exchange(0, ordering: .acquiring)
        return UnsafeMutableRawPointer(bitPattern: bits)
    }

    /// Keeps `block` as the spare; false when there is one already (the caller frees it).
    func give(_ block: UnsafeMutableRawPointer) -> Bool {
        let bits = UInt(bitPattern: block)
        if slot == 0 { return Self.elementSlot.compareExchange(expected: 0, desired: bits, ordering: .releasing).exchanged }
        return Self.memberSlot.compareExchange(expected: 0, desired: bits, ordering: .releasing).exchanged
    }
}
